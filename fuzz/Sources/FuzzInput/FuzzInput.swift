@testable import Terminal

/// The terminal input decoder: batches of curses input (`RawInput`) through
/// `EscapeSequenceDecoder` (and `InputDecoder` behind it), as `TerminalSession.nextEvents` feeds
/// them. The bytes are a little program (see `Reader`).
///
/// Invariants: never traps; a batch yields no more events than it has inputs, and an Esc key for
/// each ESC not followed by `[` or `O` (no sequence reads as Esc); mouse cells are never
/// negative; after `finish()` the decoder is back at rest (a plain `a` reads as `a`); decoding is
/// deterministic.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var reader = Reader(UnsafeBufferPointer(start: data, count: size))
    let batches = reader.batches()
    let first = batches.map(decode)
    precondition(batches.map(decode) == first, "decoding is not deterministic")
    return 0
}

let size = TerminalSize(width: 80, height: 24)

func decode(_ batch: [RawInput]) -> [InputEvent] {
    var decoder = EscapeSequenceDecoder()
    var events: [InputEvent] = []
    for raw in batch {
        let out = decoder.feed(raw, size: size)
        precondition(out.count <= 2, "one input gave \(out.count) events")
        events += out
    }
    events += decoder.finish()
    var probe = decoder
    precondition(probe.feed(.character(0x61), size: size) == [.key(.character("a"))], "the decoder is not at rest after finish()")
    precondition(events.count <= batch.count, "\(events.count) events from \(batch.count) inputs")
    // Every ESC starts a sequence (inside a cut-off one it starts the next), so by the decoder's
    // rules an ESC is the Esc key exactly when `[` or `O` does not follow it in the batch.
    let esc = RawInput.character(0x1B)
    let lone = batch.indices.count { i in
        batch[i] == esc && !(i + 1 < batch.count && (batch[i + 1] == .character(0x5B) || batch[i + 1] == .character(0x4F)))
    }
    precondition(events.count { $0 == .key(.escape) } == lone, "Esc keys are not the lone ESC characters")
    for case .mouse(let mouse) in events {
        switch mouse {
        case .click(let x, let y), .wheelUp(let x, let y), .wheelDown(let x, let y):
            precondition(x >= 0 && y >= 0, "a mouse event at \(x),\(y)")
        }
    }
    return events
}

/// Reads the fuzzer's bytes as batches of raw input. A byte below 0xF8 is that character
/// (0x1B is ESC; 0x80-0xF7 include the C1 controls); 0xF8 ends a batch; 0xF9 and four bytes are
/// any 32-bit character value (invalid scalars too); 0xFA and two bytes a curses key code
/// (`KEY_*`, 0o401-0o777 and beyond); 0xFB and six bytes a mouse report (signed x and y, a
/// 32-bit button mask); 0xFC-0xFF are the characters `[`, `O`, `~` and `;`, so sequences are
/// short to write.
struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> UInt8? {
        guard i < bytes.count else { return nil }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func word(_ n: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<n { v |= UInt32(next() ?? 0) << (8 * UInt32(k)) }
        return v
    }

    mutating func batches() -> [[RawInput]] {
        var all: [[RawInput]] = []
        var batch: [RawInput] = []
        while let b = next() {
            switch b {
            case 0xF8:
                all.append(batch)
                batch = []
            case 0xF9: batch.append(.character(word(4)))
            case 0xFA: batch.append(.keyCode(Int32(Int16(bitPattern: UInt16(word(2))))))
            case 0xFB:
                let x = Int(Int8(bitPattern: UInt8(word(1)))), y = Int(Int8(bitPattern: UInt8(word(1))))
                batch.append(.mouse(x: x, y: y, buttons: UInt(word(4))))
            case 0xFC: batch.append(.character(0x5B))
            case 0xFD: batch.append(.character(0x4F))
            case 0xFE: batch.append(.character(0x7E))
            case 0xFF: batch.append(.character(0x3B))
            default: batch.append(.character(UInt32(b)))
            }
        }
        all.append(batch)
        return all
    }
}
