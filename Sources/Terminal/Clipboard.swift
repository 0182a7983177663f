import CNcurses

/// The terminal's clipboard, through OSC 52 (xterm's "manipulate selection data"):
/// `ESC ] 52 ; c ; <base64 of the UTF-8 text> BEL` asks the terminal to put the text on the
/// system clipboard. Terminals that do not allow it (or ask the user first) ignore it; nothing
/// comes back, so the program cannot know whether it worked. Inside tmux the sequence reaches
/// tmux, which keeps it as a paste buffer and passes it on to the outer terminal only with
/// `set -g set-clipboard on` (its default, `external`, refuses it from programs); inside screen
/// it needs screen's own passthrough.
public enum Clipboard {
    /// The longest text sent (bytes of UTF-8): far above a VIN, below xterm's default limit.
    public static let maxBytes = 4096

    /// The bytes that ask the terminal to copy `text` (cut to `maxBytes` at a character).
    public static func osc52(_ text: String) -> [UInt8] {
        var utf8: [UInt8] = []
        for c in text where utf8.count + c.utf8.count <= maxBytes { utf8 += c.utf8 }
        return Array("\u{1B}]52;c;".utf8) + base64(utf8) + [0x07]
    }

    /// RFC 4648 base64, with padding.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(n > 1 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(n > 2 ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}

extension TerminalSession {
    /// Asks the terminal to put `text` on the clipboard (`Clipboard.osc52`), between frames:
    /// curses' pending output goes first, and the sequence moves no cursor.
    public func copyToClipboard(_ text: String) {
        guard !stopped else { return }
        let bytes = Clipboard.osc52(text)
        _ = bytes.withUnsafeBufferPointer { fw_write_terminal($0.baseAddress, $0.count) }
    }
}
