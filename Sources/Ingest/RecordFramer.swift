#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream into JSON records, as bytes arrive: one object per line (JSON lines,
/// NDJSON: FleetWatch, goflow2, Zeek, `nfdump -o ndjson`), or the objects of one top-level
/// array spread over many lines (`nfdump -o json`), chosen by the stream's first byte that is
/// not white space (`[`: an array).
///
/// Memory: the bytes of the record being cut, at most `maxRecordBytes`; a longer record is
/// reported (`Frame.tooLong`) and skipped to its end.
public struct RecordFramer: Sendable {
    public static let maxRecordBytes = 1 << 20

    public enum Frame: Equatable, Sendable {
        /// A record's bytes in `bytes[range]`, starting at `line` (1-based).
        case record(range: Range<Int>, line: Int)
        /// A record longer than `maxRecordBytes` starting at `line`, skipped.
        case tooLong(line: Int)
    }

    enum Mode { case unknown, lines, array }
    var mode = Mode.unknown
    /// Bytes not yet cut; `start` is where the next record begins.
    public private(set) var bytes: [UInt8] = []
    var start = 0
    /// The line of `bytes[start]`.
    var line = 1
    /// Array mode: where the scan of the current object has reached, its depth, in a string.
    var scan = 0, depth = 0, inString = false, escaped = false, objectStart = -1, objectLine = 1
    /// Skipping the rest of an over-long record.
    var skipping = false
    /// Array mode: the closing bracket was seen.
    public private(set) var arrayClosed = false
    /// Bytes outside any record that are not white space, commas or the array's brackets.
    public private(set) var strayBytes = 0

    public init() {}

    /// Adds bytes read from the source.
    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if start > 0, start >= bytes.count / 2 {
            bytes.removeSubrange(0..<start)
            scan -= start
            if objectStart >= 0 { objectStart -= start }
            start = 0
        }
        bytes.append(contentsOf: chunk)
    }

    /// The next complete record, or nil when more bytes are needed. `final`: the source has
    /// ended, so a last line without its newline is a record too.
    public mutating func next(final: Bool = false) -> Frame? {
        if mode == .unknown {
            var k = start
            while k < bytes.count, Self.isSpace(bytes[k]) {
                if bytes[k] == 0x0A { line += 1 }
                k += 1
            }
            start = k
            guard k < bytes.count else { return nil }
            if bytes[k] == UInt8(ascii: "[") {
                mode = .array
                start = k + 1
                scan = start
            } else {
                mode = .lines
            }
        }
        return mode == .lines ? nextLine(final: final) : nextInArray()
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    mutating func nextLine(final: Bool) -> Frame? {
        while start < bytes.count {
            let n = bytes.count - start
            let newline: Int? = bytes.withUnsafeBufferPointer { p in
                guard let hit = memchr(p.baseAddress! + start, 0x0A, n) else { return nil }
                return start + (UnsafeRawPointer(hit) - UnsafeRawPointer(p.baseAddress! + start))
            }
            guard let newline else {
                if n > Self.maxRecordBytes, !skipping {
                    skipping = true
                    let l = line
                    start = bytes.count
                    return .tooLong(line: l)
                }
                if skipping { start = bytes.count; return nil }
                guard final else { return nil }
                let range = start..<bytes.count
                start = bytes.count
                if isBlank(range) { return nil }
                return .record(range: trimmed(range), line: line)
            }
            let range = start..<newline
            let l = line
            start = newline + 1
            line += 1
            if skipping { skipping = false; continue }
            if range.count > Self.maxRecordBytes { return .tooLong(line: l) }
            if isBlank(range) { continue }
            return .record(range: trimmed(range), line: l)
        }
        return nil
    }

    func isBlank(_ r: Range<Int>) -> Bool { r.allSatisfy { Self.isSpace(bytes[$0]) } }

    func trimmed(_ r: Range<Int>) -> Range<Int> {
        var hi = r.upperBound
        while hi > r.lowerBound, Self.isSpace(bytes[hi - 1]) { hi -= 1 }
        return r.lowerBound..<hi
    }

    mutating func nextInArray() -> Frame? {
        while scan < bytes.count {
            let b = bytes[scan]
            if objectStart < 0 {
                // Between objects: white space, commas, the closing bracket.
                if b == 0x0A { line += 1 }
                if b == UInt8(ascii: "{") {
                    objectStart = scan
                    objectLine = line
                    depth = 1
                    inString = false
                    escaped = false
                } else if b == UInt8(ascii: "]") {
                    arrayClosed = true
                } else if !Self.isSpace(b), b != UInt8(ascii: ",") {
                    strayBytes += 1
                }
                scan += 1
                // An object's bytes are kept from its `{`: `start` stays there until it ends.
                if objectStart < 0 { start = scan }
                continue
            }
            if b == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    let range = objectStart..<(scan + 1)
                    scan += 1
                    start = scan
                    objectStart = -1
                    if skipping { skipping = false; continue }
                    return .record(range: range, line: objectLine)
                }
            }
            scan += 1
            if skipping {
                // The rest of an over-long object: followed to its end, not kept.
                start = scan
                objectStart = scan
            } else if scan - objectStart > Self.maxRecordBytes {
                skipping = true
                start = scan
                objectStart = scan
                return .tooLong(line: objectLine)
            }
        }
        return nil
    }
}
