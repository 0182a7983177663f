/// A 24-bit colour value.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `#rrggbb`, lower case, as CSS and SVG want it.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [r, g, b] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 0xF)])
        }
        return s
    }

    public var description: String { hex }

    /// A mix of this colour and `other`: `amount` 0 is self, 1 is other.
    public func blended(with other: RGB, amount: Double) -> RGB {
        let t = min(1, max(0, amount))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - t) + Double(b) * t).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// Squared distance weighted for the eye ("redmean"): better nearest-colour picks than
    /// plain Euclidean distance in RGB, at the same cost.
    func distance(to o: RGB) -> Int {
        let rm = (Int(r) + Int(o.r)) / 2
        let dr = Int(r) - Int(o.r), dg = Int(g) - Int(o.g), db = Int(b) - Int(o.b)
        return ((512 + rm) * dr * dr) >> 8 + 4 * dg * dg + ((767 - rm) * db * db) >> 8
    }
}

/// The colours a terminal (or an export) uses for `Color.default` and the 16 ANSI colours.
public struct Palette: Hashable, Sendable {
    public var foreground: RGB
    public var background: RGB
    /// The 16 ANSI colours, 0-7 normal and 8-15 bright.
    public var ansi: [RGB]

    public init(foreground: RGB, background: RGB, ansi: [RGB]) {
        precondition(ansi.count == 16, "a palette has 16 ANSI colours, not \(ansi.count)")
        self.foreground = foreground
        self.background = background
        self.ansi = ansi
    }

    /// xterm's default ANSI colours on a near-black background: the reference for colour
    /// reduction and the look of the SVG and HTML exports.
    public static let xterm = Palette(
        foreground: RGB(0xD0, 0xD0, 0xD0), background: RGB(0x12, 0x14, 0x18),
        ansi: [
            RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
            RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
            RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
            RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
        ])

    /// xterm's ANSI colours on white, as a light terminal shows them (`xterm -rv` off, a white
    /// background): the look of the SVG and HTML exports of the light theme.
    public static let xtermLight = Palette(foreground: RGB(0x1A, 0x1A, 0x1A), background: RGB(0xFF, 0xFF, 0xFF), ansi: xterm.ansi)

    /// The 24-bit value of a colour; nil for `.default` (whose value depends on whether it is
    /// a foreground or a background: see `foreground` and `background`).
    public func rgb(_ color: Color) -> RGB? {
        switch color {
        case .default: return nil
        case .ansi(let i): return ansi[Int(i & 15)]
        case .indexed(let i): return i < 16 ? ansi[Int(i)] : Palette.xterm256(i)
        case .rgb(let r, let g, let b): return RGB(r, g, b)
        }
    }

    /// The standard value of an xterm-256 index from 16 on: the 6×6×6 cube, then 24 greys.
    public static func xterm256(_ index: UInt8) -> RGB {
        let i = Int(index)
        if i < 16 { return xterm.ansi[i] }
        if i >= 232 {
            let v = UInt8(8 + 10 * (i - 232))
            return RGB(v, v, v)
        }
        let c = i - 16
        return RGB(cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
    }

    static let cubeLevels: [UInt8] = [0x00, 0x5F, 0x87, 0xAF, 0xD7, 0xFF]
}

extension Color {
    /// The nearest colour that an output of `depth` can show. Truecolor keeps everything;
    /// 256 maps 24-bit colours into the 6×6×6 cube or the grey ramp, whichever is closer;
    /// 16 maps everything onto the ANSI colours (by xterm's values); none keeps only the
    /// terminal's default colours, so styles rely on attributes.
    public func reduced(to depth: ColorDepth) -> Color {
        switch (depth, self) {
        case (.truecolor, _), (_, .default): return self
        case (.none, _): return .default
        case (.indexed256, .rgb(let r, let g, let b)): return .indexed(Color.nearest256(RGB(r, g, b)))
        case (.indexed256, _): return self
        case (.ansi16, .ansi): return self
        case (.ansi16, .indexed(let i)) where i < 16: return .ansi(i)
        case (.ansi16, _): return .ansi(Color.nearest16(Palette.xterm.rgb(self) ?? RGB(0, 0, 0)))
        }
    }

    /// The xterm-256 index closest to `c` (tmux's method: the nearest cube point against the
    /// nearest grey, by squared distance; exact cube colours map to themselves).
    public static func nearest256(_ c: RGB) -> UInt8 {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let qr = level(c.r), qg = level(c.g), qb = level(c.b)
        let cube = RGB(Palette.cubeLevels[qr], Palette.cubeLevels[qg], Palette.cubeLevels[qb])
        let cubeIndex = 16 + 36 * qr + 6 * qg + qb
        if cube == c { return UInt8(cubeIndex) }
        let average = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyValue = UInt8(8 + 10 * greyIndex)
        let grey = RGB(greyValue, greyValue, greyValue)
        func sq(_ a: RGB) -> Int {
            let dr = Int(a.r) - Int(c.r), dg = Int(a.g) - Int(c.g), db = Int(a.b) - Int(c.b)
            return dr * dr + dg * dg + db * db
        }
        return sq(grey) < sq(cube) ? UInt8(232 + greyIndex) : UInt8(cubeIndex)
    }

    /// The ANSI colour (0-15, xterm values) closest to `c` to the eye.
    public static func nearest16(_ c: RGB) -> UInt8 { nearestANSI(c, count: 16) }

    /// The closest to `c`, to the eye, of the first `count` ANSI colours (8 on terminals
    /// without the bright ones, 16 otherwise; xterm values).
    public static func nearestANSI(_ c: RGB, count: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, candidate) in Palette.xterm.ansi.prefix(min(16, max(1, count))).enumerated() {
            let d = c.distance(to: candidate)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }
}

extension ColorDepth {
    /// `color` as this depth can show it (see `Color.reduced(to:)`).
    public func reduce(_ color: Color) -> Color { color.reduced(to: self) }
}
