import Simulation

/// A 17-character vehicle identification number, stored in 17 bytes without a heap allocation
/// (a fleet of a million cars keeps a million of them).
public struct VIN: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline var a: UInt64
    @usableFromInline var b: UInt64
    @usableFromInline var c: UInt8

    /// Makes a VIN from 17 ASCII characters; `nil` if the text is not 17 ASCII letters or digits.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 17, bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else { return nil }
        self.init(bytes: bytes)
    }

    /// Makes a VIN from 17 bytes of ASCII letters and digits (a flow record's text, read
    /// without making a String); `nil` for anything else.
    public init?(utf8 text: UnsafeRawBufferPointer) {
        guard text.count == 17 else { return nil }
        for b in text where !((b >= 48 && b <= 57) || (b >= 65 && b <= 90)) { return nil }
        a = text.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        b = text.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        c = text[16]
    }

    init(bytes: [UInt8]) {
        var a: UInt64 = 0, b: UInt64 = 0
        for i in 0..<8 { a |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        for i in 0..<8 { b |= UInt64(bytes[8 + i]) << (8 * UInt64(i)) }
        self.a = a
        self.b = b
        c = bytes[16]
    }

    /// The VIN's 17 bytes folded into 64 bits, for a caller's own hash table (a `Hasher` is
    /// seeded and finalised on every use).
    @inlinable public var fastHash: UInt64 {
        let m = b &* 0xC2B2_AE3D_27D4_EB4F
        return a ^ (m << 29 | m >> 35) ^ (UInt64(c) &* 0x1656_67B1_9E37_79F9)
    }

    /// The ASCII byte at position `i` (0-based).
    public subscript(i: Int) -> UInt8 {
        i < 8 ? UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            : i < 16 ? UInt8(truncatingIfNeeded: b >> (8 * UInt64(i - 8))) : c
    }

    public var description: String { String(decoding: (0..<17).map { self[$0] }, as: UTF8.self) }

    /// The world manufacturer identifier (positions 1-3): LRW, 5YJ or 7SA for Tesla.
    public var wmi: String { String(description.prefix(3)) }

    /// Whether position 9 holds the check digit of ISO 3779 / FMVSS 115 (also required in China).
    public var hasValidCheckDigit: Bool {
        let bytes = (0..<17).map { self[$0] }
        guard let digit = VIN.checkDigit(bytes) else { return false }
        return bytes[8] == digit
    }

    static let weights: [Int] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// Transliterated value of a VIN character; letters I, O and Q are not allowed.
    static func value(_ ch: UInt8) -> Int? {
        switch ch {
        case 48...57: return Int(ch - 48)
        case 65...72: return Int(ch - 65) + 1  // A-H: 1-8
        case 74...78: return Int(ch - 74) + 1  // J-N: 1-5
        case 80: return 7  // P
        case 82: return 9  // R
        case 83...90: return Int(ch - 83) + 2  // S-Z: 2-9
        default: return nil
        }
    }

    /// The check character for 17 bytes (position 9 ignored): a digit, or X for ten.
    static func checkDigit(_ bytes: [UInt8]) -> UInt8? {
        var sum = 0
        for i in 0..<17 {
            guard let v = value(bytes[i]) else { return nil }
            sum += v * weights[i]
        }
        let r = sum % 11
        return r == 10 ? UInt8(ascii: "X") : UInt8(48 + r)
    }

    static let yearCodes = Array("ABCDEFGHJKLMNPRSTVWXY123456789".utf8)

    /// A Tesla-style VIN: WMI, model, body, restraints, electric motor, drive, check digit,
    /// model year, plant, serial.
    static func make(factory: Factory, model: CarModel, year: Int, dualMotor: Bool, serial: Int) -> VIN {
        var bytes = Array(factory.wmi.utf8)
        bytes.append(UInt8(ascii: model.rawValue.unicodeScalars.first ?? "3"))
        bytes.append(UInt8(ascii: model == .modelY ? "G" : "E"))  // body type
        bytes.append(UInt8(ascii: "1"))  // restraint system
        bytes.append(UInt8(ascii: "E"))  // electric
        bytes.append(UInt8(ascii: dualMotor ? "B" : "A"))  // drive unit
        bytes.append(UInt8(ascii: "0"))  // check digit placeholder
        bytes.append(yearCodes[((year - 2010) % 30 + 30) % 30])
        bytes.append(UInt8(ascii: factory.plantCode.unicodeScalars.first ?? "F"))
        var s = serial % 1_000_000
        var digits = [UInt8](repeating: 48, count: 6)
        for i in (0..<6).reversed() {
            digits[i] = UInt8(48 + s % 10)
            s /= 10
        }
        bytes += digits
        bytes[8] = checkDigit(bytes) ?? UInt8(ascii: "0")
        return VIN(bytes: bytes)
    }
}
