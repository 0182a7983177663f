// terminal-check: a small program that exercises the terminal driver end to end (a border,
// wide Chinese text, colours, a counter updated every frame, the size, the last key). Run it
// in a terminal and press q to quit, ! to crash on purpose; TerminalTests drives it in tmux.
import Glibc
import Screen
import Terminal

func writeError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
}

func colorPreference(_ arguments: [String]) -> ColorPreference? {
    guard let i = arguments.firstIndex(of: "--color") else { return .auto }
    guard i + 1 < arguments.count else { return nil }
    return ColorPreference(rawValue: arguments[i + 1])
}

func label(_ event: InputEvent) -> String? {
    switch event {
    case .key(.character(let c)): return String(c)
    case .key(.ctrl(let c)): return "ctrl-\(c)"
    case .key(.function(let n)): return "F\(n)"
    case .key(let key): return "\(key)"
    case .mouse(.click(let x, let y)): return "click \(x),\(y)"
    case .mouse(.wheelUp(let x, let y)): return "wheel up \(x),\(y)"
    case .mouse(.wheelDown(let x, let y)): return "wheel down \(x),\(y)"
    case .resize, .resumed, .terminate: return nil
    }
}

func draw(frame: Int, size: TerminalSize, lastKey: String, keys: [String], depth: ColorDepth) -> Buffer {
    var buffer = Buffer(width: size.width, height: size.height)
    let w = size.width, h = size.height
    let border = Style(foreground: .ansi(4))
    if w >= 2 && h >= 2 {
        for x in 1..<(w - 1) {
            buffer.put("─", x: x, y: 0, style: border)
            buffer.put("─", x: x, y: h - 1, style: border)
        }
        for y in 1..<(h - 1) {
            buffer.put("│", x: 0, y: y, style: border)
            buffer.put("│", x: w - 1, y: y, style: border)
        }
        buffer.put("┌", x: 0, y: 0, style: border)
        buffer.put("┐", x: w - 1, y: 0, style: border)
        buffer.put("└", x: 0, y: h - 1, style: border)
        buffer.put("┘", x: w - 1, y: h - 1, style: border)
    }
    let inner = Rect(x: 1, y: 1, width: w - 2, height: h - 2)
    let lines: [(String, Style)] = [
        ("FleetWatch terminal check", Style(foreground: .ansi(6), attributes: .bold)),
        ("driver: 王伟 (Wang Wei)", Style(foreground: .indexed(214))),
        ("frame \(frame)", Style(foreground: .rgb(120, 220, 120))),
        ("size \(size)", .plain),
        ("key: \(lastKey)", Style(attributes: .underline)),
        ("keys: \(keys.joined(separator: " ")) |", .plain),
        ("colour: \(depth.rawValue)", Style(foreground: .rgb(255, 255, 255), background: .rgb(30, 60, 160))),
        ("q quits, ! crashes on purpose", Style(attributes: [.dim, .italic])),
    ]
    for (i, (text, style)) in lines.enumerated() {
        buffer.put(text, x: 2, y: 1 + i, style: style, clip: inner)
    }
    return buffer
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let preference = colorPreference(arguments) else {
    writeError("terminal-check: --color takes auto, truecolor, 256, 16 or none")
    Glibc.exit(2)
}

let session: TerminalSession
do {
    session = try TerminalSession.start(TerminalOptions(color: preference))
} catch {
    writeError(error.description)
    Glibc.exit(1)
}

var frame = 0
var lastKey = "none"
/// The last keys, oldest first: a test sees every key a sequence turned into, not just the last.
var keys: [String] = []
while true {
    frame += 1
    session.present(draw(frame: frame, size: session.size, lastKey: lastKey, keys: keys, depth: session.colorDepth))
    for event in session.nextEvents(timeoutMilliseconds: 50) {
        switch event {
        case .key(.character("q")):
            session.stop()
            Glibc.exit(0)
        case .key(.character("!")):
            fatalError("terminal-check: crash requested")
        case .key(.ctrl("l")):
            session.requestRedraw()
        case .terminate(let signal):
            session.stop()
            Terminal.exit(dueTo: signal)
        default:
            if let text = label(event) {
                lastKey = text
                if case .key = event { keys = Array((keys + [text]).suffix(8)) }
            }
        }
    }
}
