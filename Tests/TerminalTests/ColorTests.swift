import Screen
import Testing
@testable import Terminal

@Suite("Colour")
struct ColorTests {
    static let detectionTable: [([String: String], ColorPreference, ColorDepth)] = [
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], .auto, .truecolor),
        (["TERM": "xterm", "COLORTERM": "24bit"], .auto, .truecolor),
        (["TERM": "xterm-direct"], .auto, .truecolor),
        (["TERM": "tmux-256color"], .auto, .indexed256),
        (["TERM": "xterm-256color", "COLORTERM": "yes"], .auto, .indexed256),
        (["TERM": "xterm"], .auto, .ansi16),
        (["TERM": "linux"], .auto, .ansi16),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], .auto, .none),
        (["TERM": "xterm-256color", "NO_COLOR": ""], .auto, .indexed256),  // empty NO_COLOR does not count
        (["TERM": "dumb"], .auto, .none),
        ([:], .auto, .none),
        (["TERM": "xterm", "NO_COLOR": "1"], .truecolor, .truecolor),  // --color wins
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], .indexed256, .indexed256),
        (["TERM": "xterm-256color"], .ansi16, .ansi16),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], .none, .none),
    ]

    @Test(arguments: detectionTable)
    func detect(_ environment: [String: String], _ preference: ColorPreference, _ expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, preference: preference) == expected)
    }

    @Test func preferencesParseLikeTheFlag() {
        #expect(ColorPreference.allCases.map(\.rawValue) == ["auto", "truecolor", "256", "16", "none"])
    }

    @Test func nearest256() {
        #expect(Color.nearest256(RGB(255, 0, 0)) == 196)
        #expect(Color.nearest256(RGB(0, 0, 0)) == 16)
        #expect(Color.nearest256(RGB(255, 255, 255)) == 231)
        #expect(Color.nearest256(RGB(95, 135, 175)) == 67)
        #expect(Color.nearest256(RGB(128, 128, 128)) == 244)
        #expect(Color.nearest256(RGB(18, 18, 18)) == 233)
    }

    @Test func everyPaletteEntryReducesToItselfOrAnEqualColour() {
        for i in 16...255 {
            let c = Palette.xterm256(UInt8(i))
            #expect(Palette.xterm256(Color.nearest256(c)) == c, "entry \(i)")
        }
    }

    @Test func nearestANSI() {
        #expect(Color.nearestANSI(RGB(250, 10, 10), count: 16) == 9)
        #expect(Color.nearestANSI(RGB(250, 10, 10), count: 8) == 1)
        #expect(Color.nearestANSI(RGB(0, 0, 0), count: 16) == 0)
    }

    /// The terminal picks the colour the ANSI export writes, for every colour a frame can hold:
    /// a 16 × 16 × 16 sample of 24-bit colours, every xterm-256 index and every ANSI colour, at
    /// 16 colours, 256 and truecolor (there were two reductions, Euclidean here and perceptual in
    /// Screen, disagreeing for about one colour in ten at 16).
    @Test(arguments: [(ColorDepth.ansi16, 16), (.indexed256, 256), (.truecolor, 1 << 24)])
    func theTerminalReducesAsTheExportDoes(depth: ColorDepth, colors: Int) {
        let map = CursesColorMap(depth: depth, colors: colors)
        var samples: [Color] = (0..<16).map { .ansi(UInt8($0)) } + (0...255).map { .indexed(UInt8($0)) }
        for r in stride(from: 0, through: 255, by: 17) {
            for g in stride(from: 0, through: 255, by: 17) {
                for b in stride(from: 0, through: 255, by: 17) { samples.append(.rgb(UInt8(r), UInt8(g), UInt8(b))) }
            }
        }
        for c in samples {
            let exported = c.reduced(to: depth)
            // What the ANSI export writes for `exported`, as a curses number.
            let expected: Int32 = switch exported {
            case .default: -1
            case .ansi(let n): depth == .truecolor && n >= 8 ? CursesColorMap.packed(Palette.xterm.ansi[Int(n)]) : Int32(n)
            case .indexed(let i): depth == .truecolor && i >= 8 ? CursesColorMap.packed(Palette.xterm256(i)) : Int32(i)
            case .rgb(let r, let g, let b): CursesColorMap.packed(RGB(r, g, b))
            }
            #expect(map.number(for: c, foreground: true) == expected, "\(c) at \(depth)")
        }
    }

    @Test func colourNumbersPerMode() {
        let rgb = Color.rgb(255, 0, 0)
        #expect(CursesColorMap(depth: .truecolor, colors: 256).number(for: rgb, foreground: true) == 196)
        #expect(CursesColorMap(depth: .truecolor, colors: 1 << 24).number(for: rgb, foreground: true) == 0xFF0000)
        #expect(CursesColorMap(depth: .truecolor, colors: 1 << 24).number(for: .rgb(0, 0, 3), foreground: true) == 8)
        #expect(CursesColorMap(depth: .truecolor, colors: 1 << 24).number(for: .ansi(2), foreground: true) == 2)
        #expect(CursesColorMap(depth: .indexed256, colors: 1 << 24).number(for: rgb, foreground: true) == 196)
        #expect(CursesColorMap(depth: .ansi16, colors: 256).number(for: rgb, foreground: true) == 9)
        #expect(CursesColorMap(depth: .ansi16, colors: 256).number(for: .indexed(196), foreground: true) == 9)
        #expect(CursesColorMap(depth: .truecolor, colors: 8).number(for: .ansi(9), foreground: true) == 1)
        #expect(CursesColorMap(depth: .indexed256, colors: 256).number(for: .indexed(42), foreground: false) == 42)
        #expect(CursesColorMap(depth: .indexed256, colors: 256).number(for: .default, foreground: true) == -1)
        #expect(CursesColorMap(depth: .indexed256, colors: 256, hasDefaultColors: false).number(for: .default, foreground: false) == 0)
    }

    @Test func noColourMeansMonochrome() {
        #expect(!CursesColorMap(depth: .none, colors: 256).usesColor)
        #expect(!CursesColorMap(depth: .truecolor, colors: 0).usesColor)
        #expect(CursesColorMap(depth: .none, colors: 256).number(for: .rgb(1, 2, 3), foreground: true) == -1)
    }

    @Test func pairsAreAllocatedOncePerCombination() {
        var pairs = ColorPairAllocator(capacity: 2)
        #expect(pairs.pair(foreground: -1, background: -1) == .existing(0))
        #expect(pairs.pair(foreground: 1, background: -1) == .new(1))
        #expect(pairs.pair(foreground: 1, background: -1) == .existing(1))
        #expect(pairs.pair(foreground: -1, background: 1) == .new(2))
        #expect(pairs.pair(foreground: 2, background: 2) == .exhausted)
        #expect(pairs.pair(foreground: -1, background: 1) == .existing(2))
        pairs.reset()
        #expect(pairs.pair(foreground: 2, background: 2) == .new(1))
    }

    @Test func moreThan256PairsWhenTheTerminalHasThem() {
        var pairs = ColorPairAllocator(capacity: 65535)
        var seen = Set<Int32>()
        for fg in Int32(0)..<40 {
            for bg in Int32(0)..<40 {
                let lookup = pairs.pair(foreground: fg, background: bg)
                guard case .new(let n) = lookup else {
                    Issue.record("(\(fg),\(bg)) gave \(lookup)")
                    return
                }
                seen.insert(n)
            }
        }
        #expect(seen.count == 1600 && seen.min() == 1 && seen.max() == 1600)
    }

    @Test func withoutDefaultColoursTheDefaultPairIsWhiteOnBlack() {
        var pairs = ColorPairAllocator(capacity: 10, defaultForeground: 7, defaultBackground: 0)
        #expect(pairs.pair(foreground: 7, background: 0) == .existing(0))
        #expect(pairs.count == 0)
    }

    /// On an 8-colour terminal a bright foreground is its normal colour in bold (the 16-colour
    /// theme's bright blue stays bright under TERM=xterm and TERM=linux); elsewhere no bold added.
    @Test func brightColoursOnEightColourTerminalsAreBold() {
        let eight = CursesColorMap(depth: .ansi16, colors: 8)
        #expect(eight.number(for: .ansi(12), foreground: true) == 4 && eight.brightensByBold(.ansi(12)))
        #expect(!eight.brightensByBold(.ansi(4)) && !eight.brightensByBold(.default) && !eight.brightensByBold(.rgb(1, 2, 3)))
        #expect(!CursesColorMap(depth: .ansi16, colors: 16).brightensByBold(.ansi(12)))
        #expect(!CursesColorMap(depth: .indexed256, colors: 256).brightensByBold(.ansi(12)))
    }
}
