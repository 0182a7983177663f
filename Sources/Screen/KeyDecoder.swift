/// Typed characters (Unicode scalar values, as a terminal sends them) into `Key`s: the one
/// decoder of control characters and of the cursor and editing keys' escape sequences, shared by
/// the dashboard's terminal (Terminal's `EscapeSequenceDecoder`, for what curses passes through
/// as characters) and the linear mode's command line (Linear's `LinePrompt`, which reads the
/// terminal's bytes itself). No sequence ever reads as typed text:
///
/// - ESC `[` … final byte (CSI) and ESC `O` final (SS3) are one key: the cursor, paging and
///   editing keys and F1–F12 in the encodings of xterm, VT220, rxvt, screen and tmux (Home is
///   `\e[H`, `\e[1~`, `\e[7~` or `\e OH`; End `\e[F`, `\e[4~`, `\e[8~` or `\e OF`; Delete
///   `\e[3~`). A sequence with modifiers (`\e[1;5H`), a private marker (`\e[<…`), an unknown
///   number or final, or one cut off by another key (`interrupt`) or a control character, is
///   dropped: it means a key nobody here has a use for, never Esc.
/// - ESC before another ESC is the Esc key; ESC before any other character is Esc, then that
///   character: Esc typed just before a key, or Alt with that key (terminals send Alt-B as ESC
///   `b`): which one is the reader's to say (the dashboard binds no Alt keys; the linear
///   prompt reads Esc then a character as Alt, as readline does).
/// - A batch's end (`finish`) makes a lone ESC the Esc key and drops a sequence cut off there.
///   A reader whose bytes may split a sequence across reads (the linear prompt) keeps the
///   decoder between reads and calls `finish` only when it means it.
///
/// Pure: the same inputs give the same keys.
public struct KeyDecoder: Hashable, Sendable {
    private enum Phase: Hashable, Sendable {
        case ground
        /// After ESC.
        case escape
        /// After ESC `[`: the parameter and intermediate bytes so far.
        case csi([UInt8])
        /// After ESC `O`.
        case ss3
    }

    private var phase = Phase.ground
    /// Longer parameter strings are no key we know; the rest of the sequence is still consumed.
    public static let maxParameters = 16

    public init() {}

    /// Whether a sequence (or a lone ESC) is open: the next characters belong to it.
    public var isInSequence: Bool { phase != .ground }

    /// The keys the character `value` completes (none while a sequence is open).
    public mutating func feed(_ value: UInt32) -> [Key] {
        switch phase {
        case .ground:
            if value == 0x1B {
                phase = .escape
                return []
            }
            return Self.key(typed: value).map { [$0] } ?? []
        case .escape:
            switch value {
            case 0x5B:  // [
                phase = .csi([])
                return []
            case 0x4F:  // O
                phase = .ss3
                return []
            case 0x1B:
                return [.escape]  // stays after an ESC: the second one may start a sequence
            default:
                phase = .ground
                return [.escape] + feed(value)
            }
        case .csi(var bytes):
            switch value {
            case 0x20...0x3F:
                if bytes.count < Self.maxParameters { bytes.append(UInt8(value)) } else { bytes = [0x3F] }  // '?': unknown
                phase = .csi(bytes)
                return []
            case 0x40...0x7E:
                phase = .ground
                return Self.csiKey(parameters: bytes, final: UInt8(value)).map { [$0] } ?? []
            default:
                phase = .ground  // cut off by a control character or a non-ASCII one: dropped
                return feed(value)
            }
        case .ss3:
            phase = .ground
            guard (0x40...0x7E).contains(value) else { return feed(value) }
            return Self.ss3Key(final: UInt8(value)).map { [$0] } ?? []
        }
    }

    /// A key that came already decoded (curses' `KEY_*`), or a mouse event: a sequence it cuts
    /// off is dropped; a lone ESC before it is Esc.
    public mutating func interrupt() -> [Key] {
        defer { phase = .ground }
        if case .escape = phase { return [.escape] }
        return []
    }

    /// The end of a batch: a lone ESC is the Esc key; a sequence cut off here is dropped.
    public mutating func finish() -> [Key] { interrupt() }

    /// A character outside any sequence: Enter (CR or LF), Tab, Backspace (DEL or BS:
    /// terminals send either, so no Ctrl-H), Ctrl with a letter or `@ \ ] ^ _`, a printable
    /// character; nil for C1 controls and values that are no character.
    public static func key(typed value: UInt32) -> Key? {
        switch value {
        case 0x1B: return .escape
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x00: return .ctrl("@")
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(UInt8(0x40 + value))))
        case 0x80...0x9F: return nil  // C1 controls: never text
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// The key of `ESC [ parameters final`, or nil for one no reader uses.
    public static func csiKey(parameters: [UInt8], final: UInt8) -> Key? {
        // Only digits and ';' (no private markers or intermediates), and no modifier other
        // than "none" (1): Ctrl-Home is not Home.
        guard parameters.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x3B }) else { return nil }
        let fields = parameters.split(separator: 0x3B, omittingEmptySubsequences: false).map { Int(String(decoding: $0, as: UTF8.self)) }
        guard fields.count <= 2 else { return nil }
        if fields.count == 2 && fields[1] != 1 { return nil }
        let number = fields.first ?? nil
        switch final {
        case 0x7E:  // ~
            switch number {
            case 1, 7: return .home
            case 4, 8: return .end
            case 2: return .insert
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case 11, 12, 13, 14, 15: return .function(number! - 10)
            case 17, 18, 19, 20, 21: return .function(number! - 11)
            case 23, 24: return .function(number! - 12)
            default: return nil
            }
        default:
            // Letter finals take no number other than 1 (the form with modifiers, `\e[1;2H`).
            guard number == nil || number == 1 else { return nil }
            switch final {
            case 0x41: return .up  // A
            case 0x42: return .down  // B
            case 0x43: return .right  // C
            case 0x44: return .left  // D
            case 0x48: return .home  // H
            case 0x46: return .end  // F
            case 0x5A: return fields.count == 1 && number == nil ? .backTab : nil  // Z
            case 0x50, 0x51, 0x52, 0x53: return .function(Int(final) - 0x4F)  // P-S: F1-F4
            default: return nil
            }
        }
    }

    /// The key of `ESC O final`, or nil.
    public static func ss3Key(final: UInt8) -> Key? {
        switch final {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x4D: .enter  // keypad Enter
        case 0x50, 0x51, 0x52, 0x53: .function(Int(final) - 0x4F)
        default: nil
        }
    }
}
