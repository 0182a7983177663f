/// Reads the dashboard makes for every car on every frame, without building a `CarSnapshot`
/// (which builds the driver's name, a meter reading and a trip): small values only.
extension FleetWorld {
    public func model(of car: Int) -> CarModel { fleet.model[car] }

    /// Index of the car's user class in `userClasses`.
    public func userClassIndex(of car: Int) -> Int { Int(fleet.driverClass[car]) }

    /// Identifies the driver's name: two cars with the same id have the same `Driver.name` and
    /// `Driver.romanized` (the user class aside), so per-name work can be done once per id.
    public func driverNameID(of car: Int) -> UInt32 { fleet.driverName[car] }
}

extension VIN {
    /// Orders VINs as their text does: comparing `(a, b, c)` lexicographically is comparing the
    /// 17 ASCII characters one by one (the first character is the most significant byte of `a`).
    public var orderKey: (UInt64, UInt64, UInt8) { (a.byteSwapped, b.byteSwapped, c) }
}
