import Fleet

/// A key of a `CarTable`: a 64-bit hash that is cheap and mixes well enough for open addressing.
protocol CarTableKey: Equatable, Sendable {
    var tableHash: UInt64 { get }
}

extension UInt32: CarTableKey {
    @inline(__always) var tableHash: UInt64 { UInt64(self) &* 0x9E37_79B9_7F4A_7C15 }
}

extension VIN: CarTableKey {
    @inline(__always) var tableHash: UInt64 { fastHash &* 0x9E37_79B9_7F4A_7C15 }
}

/// Car indexes by address or VIN, looked up once a record: open addressing, linear probing,
/// at most half full, with a multiplicative hash (a `Dictionary` hashes with SipHash, which
/// was a tenth of reading a record). Built once from the world's cars; never shrinks.
struct CarTable<Key: CarTableKey>: Sendable {
    private var keys: [Key?] = []
    private var values: [UInt32] = []
    private var count = 0
    private var shift: UInt64 = 64

    init(capacity: Int = 8) { resize(to: capacity) }

    private mutating func resize(to capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        let old = zip(keys, values).compactMap { k, v in k.map { ($0, v) } }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for (k, v) in old { self[k] = v }
    }

    subscript(key: Key) -> UInt32? {
        get {
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: key.tableHash >> shift)
            while let k = keys[i] {
                if k == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            // Only insertions and overwrites: the resolver's tables are built, never thinned.
            guard let newValue else { return }
            if 2 * (count + 1) > keys.count { resize(to: count + 1) }
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: key.tableHash >> shift)
            while let k = keys[i] {
                if k == key { values[i] = newValue; return }
                i = (i + 1) & mask
            }
            keys[i] = key
            values[i] = newValue
            count += 1
        }
    }
}
