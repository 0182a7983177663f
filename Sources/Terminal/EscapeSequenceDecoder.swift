import Screen

/// Reassembles the escape sequences curses did not recognise into keys, so that no sequence
/// ever reads as Esc.
///
/// curses turns a key's sequence into a `KEY_*` code only when the terminfo entry (or
/// `define_key`) knows it. Anything else comes back as its bytes, one character at a time:
/// under tmux with `TERM=xterm-256color`, Home arrives as ESC `[` `1` `~` (tmux sends `\e[1~`,
/// xterm's entry says `\eOH`), and was read as Esc followed by three typed characters. All those
/// bytes arrive in one read (curses waits ESCDELAY for them), so they are in one batch of
/// `TerminalSession.nextEvents`; this decoder sees the batch in order:
///
/// - ESC `[` … final byte (CSI) and ESC `O` final (SS3) are one key: the cursor, paging and
///   editing keys and F1–F12 in the encodings of xterm, VT220, rxvt, screen and tmux. A
///   sequence with modifiers (`\e[1;5H`), a private marker (`\e[<…`), an unknown number or
///   final, or one cut off by the end of the batch or another key, is dropped: it means a key
///   the dashboard has no use for, never Esc.
/// - ESC at the end of a batch, or before another ESC, is the Esc key.
/// - ESC before any other character is Esc, then that character (Esc typed just before a key
///   within one frame); the dashboard binds no Alt keys.
///
/// Pure: the same inputs give the same events.
struct EscapeSequenceDecoder {
    private enum Phase {
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
    static let maxParameters = 16

    /// The events `raw` completes (none while a sequence is open).
    mutating func feed(_ raw: RawInput, size: TerminalSize) -> [InputEvent] {
        switch phase {
        case .ground:
            if case .character(0x1B) = raw {
                phase = .escape
                return []
            }
            return InputDecoder.decode(raw, size: size).map { [$0] } ?? []
        case .escape:
            switch raw {
            case .character(0x5B):  // [
                phase = .csi([])
                return []
            case .character(0x4F):  // O
                phase = .ss3
                return []
            case .character(0x1B):
                return [.key(.escape)]  // stays after an ESC: the second one may start a sequence
            default:
                phase = .ground
                return [.key(.escape)] + feed(raw, size: size)
            }
        case .csi(var bytes):
            guard case .character(let c) = raw, c < 0x80 else {
                phase = .ground  // cut off by another key: drop what was read
                return feed(raw, size: size)
            }
            switch c {
            case 0x20...0x3F:
                if bytes.count < Self.maxParameters { bytes.append(UInt8(c)) } else { bytes = [0x3F] }  // '?': unknown
                phase = .csi(bytes)
                return []
            case 0x40...0x7E:
                phase = .ground
                return Self.csiKey(parameters: bytes, final: UInt8(c)).map { [.key($0)] } ?? []
            default:
                phase = .ground
                return feed(raw, size: size)
            }
        case .ss3:
            phase = .ground
            guard case .character(let c) = raw, (0x40...0x7E).contains(c) else { return feed(raw, size: size) }
            return Self.ss3Key(final: UInt8(c)).map { [.key($0)] } ?? []
        }
    }

    /// The end of a batch: a lone ESC is the Esc key; a sequence cut off here is dropped.
    mutating func finish() -> [InputEvent] {
        defer { phase = .ground }
        if case .escape = phase { return [.key(.escape)] }
        return []
    }

    /// The key of `ESC [ parameters final`, or nil for one the dashboard does not use.
    static func csiKey(parameters: [UInt8], final: UInt8) -> Key? {
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
    static func ss3Key(final: UInt8) -> Key? {
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
