import Simulation

/// The workload's per-vehicle state, one 64-byte cache line per vehicle: the decayed rate meter
/// and the bytes sent in each category. At a million vehicles an event costs one cache miss for
/// its vehicle instead of one per array (the C reference keeps three arrays).
struct VehicleRecord {
    static let maxCategories = 6
    var meter = DecayingRate()
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
}

/// Owns the records, allocated on 64-byte boundaries so that none straddles two cache lines.
final class VehicleTable {
    let records: UnsafeMutablePointer<VehicleRecord>
    let count: Int
    /// Byte offset of `bytes` in a record.
    let bytesOffset: Int

    init(count: Int) {
        precondition(MemoryLayout<VehicleRecord>.stride == 64, "a vehicle record is one cache line")
        self.count = count
        bytesOffset = MemoryLayout<VehicleRecord>.offset(of: \VehicleRecord.bytes) ?? 16
        records = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 64, alignment: 64)
            .bindMemory(to: VehicleRecord.self, capacity: max(count, 1))
        records.initialize(repeating: VehicleRecord(), count: count)
    }

    deinit {
        records.deinitialize(count: count)
        records.deallocate()
    }

    /// Adds `amount` to vehicle `v`'s bytes in category `c`.
    @inline(__always) func addBytes(_ amount: UInt64, vehicle v: Int, category c: Int) {
        let word = UnsafeMutableRawPointer(records + v) + bytesOffset + c &* 8
        word.storeBytes(of: word.load(as: UInt64.self) &+ amount, as: UInt64.self)
    }

    func bytes(vehicle v: Int, category c: Int) -> UInt64 {
        (UnsafeRawPointer(records + v) + bytesOffset + c * 8).load(as: UInt64.self)
    }
}
