import Fleet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only reader of one JSON object's top-level members, over bytes, for flow records:
/// keys are compared as bytes, numbers read without building strings, and values a format does
/// not use (nested objects, arrays, strings) skipped. It allocates only for the strings it is
/// asked to keep.
///
/// It checks the syntax of what it reads and of what it skips (brackets, strings, literals); a
/// malformed record stops it with a `JSONScanError` that says what and at which byte of the
/// record, which the source turns into a line and column.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var i: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        end = bytes.count
        i = 0
    }

    /// Nesting deeper than this in a skipped value is refused (a record is a flat object).
    static let maxDepth = 64

    @inline(__always) func byte(_ k: Int) -> UInt8 { base[k] }

    @inline(__always) mutating func skipSpace() {
        while i < end, Self.isSpace(base[i]) { i += 1 }
    }

    func fail(_ message: String) -> JSONScanError { JSONScanError(message: message, offset: i) }

    /// Consumes the opening brace.
    mutating func begin() throws(JSONScanError) {
        skipSpace()
        guard i < end, base[i] == UInt8(ascii: "{") else { throw fail("a flow record must be a JSON object") }
        i += 1
    }

    /// The next member's key (as a range of bytes, escapes not decoded), after its colon; nil
    /// at the closing brace, which must end the record.
    mutating func nextKey(first: inout Bool) throws(JSONScanError) -> Range<Int>? {
        skipSpace()
        guard i < end else { throw fail("the record ends inside its object") }
        if base[i] == UInt8(ascii: "}") {
            i += 1
            skipSpace()
            guard i == end else { throw fail("text after the record's closing brace") }
            return nil
        }
        if !first {
            guard base[i] == UInt8(ascii: ",") else { throw fail("expected ',' or '}' after a value") }
            i += 1
            skipSpace()
        }
        first = false
        guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
        let range = try rawString()
        skipSpace()
        guard i < end, base[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
        i += 1
        skipSpace()
        guard i < end else { throw fail("the record ends before a value") }
        return range
    }

    /// Whether the next member's key is `pattern` (`"key":`, as a writer without spaces puts
    /// it); consumed with its comma and the space after it if so, else nothing is. The fast
    /// path of records whose keys come in a known order: the key is not scanned and compared
    /// again; anything unexpected (another key, an escape, the end) goes by `nextKey`.
    @inline(__always)
    mutating func expectKey(_ pattern: UnsafeBufferPointer<UInt8>, first: inout Bool) -> Bool {
        var k = i
        if !first {
            while k < end, Self.isSpace(base[k]) { k += 1 }
            guard k < end, base[k] == UInt8(ascii: ",") else { return false }
            k += 1
        }
        while k < end, Self.isSpace(base[k]) { k += 1 }
        guard end - k > pattern.count, memcmp(base + k, pattern.baseAddress!, pattern.count) == 0 else { return false }
        i = k + pattern.count
        skipSpace()
        first = false
        return true
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// Whether the key bytes equal `name`.
    @inline(__always) func key(_ r: Range<Int>, is name: StaticString) -> Bool {
        guard r.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        for k in 0..<r.count where base[r.lowerBound + k] != p[k] { return false }
        return true
    }

    /// The bytes of a string at `i` (which is its opening quote), escapes left as they are.
    mutating func rawString() throws(JSONScanError) -> Range<Int> {
        i += 1
        let start = i
        while true {
            // Eight bytes at a time while none is a quote, a backslash or a control character
            // (SWAR: a byte below n, or zero after an exclusive or, sets its top bit).
            let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
            while i &+ 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)
                guard special & tops == 0 else { break }
                i &+= 8
            }
            guard i < end else { break }
            let b = base[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return start..<(i - 1)
            }
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b < 0x20 { throw fail("a control character inside a string") }
            i += 1
        }
        throw fail("a string is not closed")
    }

    /// Whether the value at `i` is `null` (consumed if so).
    mutating func null() throws(JSONScanError) -> Bool {
        guard base[i] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let n = word.utf8CodeUnitCount
        guard end - i >= n else { throw fail("expected \(word)") }
        for k in 0..<n where base[i + k] != word.utf8Start[k] { throw fail("expected \(word)") }
        i += n
    }

    /// A string value, decoded (escapes included); nil for `null`.
    mutating func string() throws(JSONScanError) -> String? {
        if try null() { return nil }
        guard base[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let r = try rawString()
        var hasEscape = false
        for k in r where base[k] == UInt8(ascii: "\\") { hasEscape = true; break }
        if !hasEscape {
            return String(decoding: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count), as: UTF8.self)
        }
        return try unescape(r)
    }

    /// A string value through `texts` (a value that repeats from record to record is made
    /// once); decoded afresh when it holds escapes; nil for `null`.
    mutating func string(_ texts: inout TextInterner) throws(JSONScanError) -> String? {
        if try null() { return nil }
        guard base[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let r = try rawString()
        let bytes = UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count)
        if bytes.contains(UInt8(ascii: "\\")) { return try unescape(r) }
        return texts.text(bytes)
    }

    /// A string value read as a VIN: nil for `null`, and for a text that is not 17 letters
    /// and digits (the record's car is then found by its address).
    mutating func vin() throws(JSONScanError) -> VIN? {
        if try null() { return nil }
        guard base[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let r = try rawString()
        let bytes = UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count)
        if bytes.contains(UInt8(ascii: "\\")) { return VIN(try unescape(r)) }
        return VIN(utf8: bytes)
    }

    func unescape(_ r: Range<Int>) throws(JSONScanError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        var pendingHigh: UInt32? = nil
        func appendScalar(_ v: UInt32) {
            var s = String(Unicode.Scalar(v) ?? "\u{FFFD}")
            s.withUTF8 { out.append(contentsOf: $0) }
        }
        while k < r.upperBound {
            let b = base[k]
            guard b == UInt8(ascii: "\\") else { out.append(b); k += 1; continue }
            guard k + 1 < r.upperBound else { throw JSONScanError(message: "a string ends in a backslash", offset: k) }
            let e = base[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard k + 4 <= r.upperBound else { throw JSONScanError(message: "a \\u escape needs four hex digits", offset: k) }
                var v: UInt32 = 0
                for _ in 0..<4 {
                    let h = base[k]
                    let d: UInt32
                    switch h {
                    case 0x30...0x39: d = UInt32(h - 0x30)
                    case 0x41...0x46: d = UInt32(h - 0x41 + 10)
                    case 0x61...0x66: d = UInt32(h - 0x61 + 10)
                    default: throw JSONScanError(message: "a \\u escape needs four hex digits", offset: k)
                    }
                    v = v << 4 | d
                    k += 1
                }
                if (0xD800...0xDBFF).contains(v) { pendingHigh = v; continue }
                if (0xDC00...0xDFFF).contains(v), let high = pendingHigh {
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00))
                    pendingHigh = nil
                    continue
                }
                appendScalar(v)
            default:
                throw JSONScanError(message: "an unknown escape in a string", offset: k - 1)
            }
            pendingHigh = nil
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A non-negative integer value, or a string of digits (nfdump and goflow2 write some
    /// counters as strings); nil for `null`. Refuses fractions, signs and exponents, and
    /// values past `UInt64.max`.
    mutating func unsigned() throws(JSONScanError) -> UInt64? {
        if try null() { return nil }
        let quoted = base[i] == UInt8(ascii: "\"")
        if quoted { i += 1 }
        if i < end, base[i] == UInt8(ascii: "-") { throw fail("a negative number where a count or time is expected") }
        let start = i
        var v: UInt64 = 0
        while i < end, base[i] >= 0x30, base[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(base[i] - 0x30))
            guard !o1, !o2 else { throw fail("a number too large") }
            v = a
            i += 1
        }
        guard i > start else { throw fail("expected a whole number") }
        if i < end, base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            throw fail("expected a whole number, found a fraction")
        }
        if quoted {
            guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("expected a whole number") }
            i += 1
        }
        return v
    }

    /// A number value with a fraction or exponent allowed (Zeek's times, latitudes); nil for `null`.
    mutating func double() throws(JSONScanError) -> Double? {
        if try null() { return nil }
        let start = i
        skipNumberCharacters()
        guard i > start else { throw fail("expected a number") }
        if let v = Self.exactDecimal(base + start, i - start) { return v }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { throw JSONScanError(message: "'\(text)' is not a number", offset: start) }
        return v
    }

    /// A string value that is exactly one of `E`'s names, matched as bytes (no String made);
    /// nil for anything else (`null`, another text, escapes), with `i` then past the value,
    /// so a caller that needs to say what it found reads the value again from where it began.
    mutating func name<E: CaseIterable & RawRepresentable>(of type: E.Type) throws(JSONScanError) -> E? where E.RawValue == String {
        guard base[i] == UInt8(ascii: "\"") else { return nil }
        let r = try rawString()
        for e in E.allCases {
            // The names are literals: contiguous, compared as bytes.
            let utf8 = e.rawValue.utf8
            guard utf8.count == r.count else { continue }
            let same = utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base + r.lowerBound, r.count) == 0 }
                ?? utf8.elementsEqual(UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count))
            if same { return e }
        }
        return nil
    }

    /// A string value that must be one of `E`'s names: the name (matched as bytes, else read
    /// again with its escapes decoded), nil for `null`; any other text is refused with
    /// `message(text)` at the value's first byte.
    @inline(__always)
    mutating func named<E: CaseIterable & RawRepresentable>(_ type: E.Type, _ message: (String) -> String) throws(JSONScanError) -> E?
    where E.RawValue == String {
        let at = i
        if let e = try name(of: E.self) { return e }
        i = at
        guard let text = try string() else { return nil }
        guard let e = E(rawValue: text) else { throw JSONScanError(message: message(text), offset: at) }
        return e
    }

    /// Powers of ten that a Double holds exactly.
    static let exactPowers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    /// A plain decimal (`-12.345678`: no exponent, at most 15 digits) as the Double nearest to
    /// it, or nil for anything else, which the caller reads with the standard library. Exact:
    /// the digits make an integer below 2^53 and the divisor a power of ten below 10^23, both
    /// held exactly, so one correctly rounded division gives the correctly rounded value (the
    /// fast path of Clinger, 1990), the same Double as `Double(String)` gives.
    static func exactDecimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var k = 0, negative = false
        if n > 0, p[0] == UInt8(ascii: "-") { negative = true; k = 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = -1
        while k < n {
            let b = p[k]
            if b >= 0x30, b <= 0x39 {
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
                guard digits <= 15 else { return nil }
            } else if b == UInt8(ascii: "."), fraction < 0, digits > 0 {
                fraction = 0
            } else {
                return nil
            }
            k += 1
        }
        guard digits > 0, fraction != 0 else { return nil }
        let v = Double(mantissa) / exactPowers[max(0, fraction)]
        return negative ? -v : v
    }

    /// `true` or `false`; nil for `null`.
    mutating func bool() throws(JSONScanError) -> Bool? {
        if try null() { return nil }
        if base[i] == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    /// Skips any value, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(JSONScanError) {
        guard depth < Self.maxDepth else { throw fail("values nested more than \(Self.maxDepth) deep") }
        guard i < end else { throw fail("the record ends before a value") }
        switch base[i] {
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = base[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            skipSpace()
            if i < end, base[i] == close { i += 1; return }
            while true {
                skipSpace()
                if isObject {
                    guard i < end, base[i] == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
                    _ = try rawString()
                    skipSpace()
                    guard i < end, base[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                    i += 1
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard i < end else { throw fail("a list or object is not closed") }
                if base[i] == close { i += 1; return }
                guard base[i] == UInt8(ascii: ",") else { throw fail("expected ',' between values") }
                i += 1
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            let start = i
            skipNumberCharacters()
            guard i > start else { throw fail("expected a value") }
        }
    }

    /// Moves past the characters a number may hold (digits, sign, point, exponent): the span a
    /// number's parser then reads, or a skipped value.
    @inline(__always) mutating func skipNumberCharacters() {
        while i < end {
            let b = base[i]
            guard (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") else { break }
            i += 1
        }
    }
}

/// What is wrong with a record, and at which byte of it.
struct JSONScanError: Error, Hashable, Sendable {
    var message: String
    var offset: Int
}
