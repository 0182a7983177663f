/// The texts that repeat from record to record (a service, a server's name, a class, a
/// zone), each made into a String once: a later record's same bytes give the same String
/// back (a reference counted, not a string allocated and checked again), so that reading a
/// record of FleetWatch's log allocates nothing.
///
/// Memory: at most `capacity` texts of at most `maxLength` bytes each; past that, texts are
/// made afresh every time (still right, only slower), so a stream of distinct values cannot
/// grow it.
public struct TextInterner: Sendable {
    static let capacity = 1024
    static let maxLength = 128
    /// Open addressing, twice the capacity in slots (made at the first text); a slot holds an
    /// index of `texts` + 1.
    var slots: [Int32] = []
    var hashes: [UInt64] = []
    var texts: [String] = []
    /// The texts' bytes, one after another (`starts[k]` is where text k's begin).
    var arena: [UInt8] = []
    var starts: [Int32] = [0]

    public init() {}

    /// The String of `bytes` (UTF-8 without escapes).
    @inline(__always)
    mutating func text(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count <= Self.maxLength else { return Self.make(bytes) }
        if slots.isEmpty { slots = [Int32](repeating: 0, count: 2 * Self.capacity) }
        // FNV-1a, 64 bits.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let mask = slots.count - 1
        var k = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let slot = Int(slots[k])
            if slot == 0 { break }
            let t = slot - 1
            if hashes[t] == h, matches(t, bytes) { return texts[t] }
            k = (k + 1) & mask
        }
        let s = Self.make(bytes)
        guard texts.count < Self.capacity else { return s }
        slots[k] = Int32(texts.count + 1)
        hashes.append(h)
        texts.append(s)
        arena.append(contentsOf: bytes)
        starts.append(Int32(arena.count))
        return s
    }

    @inline(__always)
    func matches(_ t: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let from = Int(starts[t]), to = Int(starts[t + 1])
        guard to - from == bytes.count else { return false }
        return arena.withUnsafeBytes { a in
            bytes.isEmpty || memcmp(a.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
        }
    }

    static func make(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count), as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
