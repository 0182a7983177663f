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
        #expect(XtermPalette.nearest256(255, 0, 0) == 196)
        #expect(XtermPalette.nearest256(0, 0, 0) == 16)
        #expect(XtermPalette.nearest256(255, 255, 255) == 231)
        #expect(XtermPalette.nearest256(95, 135, 175) == 67)
        #expect(XtermPalette.nearest256(128, 128, 128) == 244)
        #expect(XtermPalette.nearest256(18, 18, 18) == 233)
    }

    @Test func everyPaletteEntryReducesToItselfOrAnEqualColour() {
        for i in 16...255 {
            let c = XtermPalette.rgb(UInt8(i))
            let back = XtermPalette.nearest256(UInt8(c.0), UInt8(c.1), UInt8(c.2))
            #expect(XtermPalette.rgb(back) == c, "entry \(i)")
        }
    }

    @Test func nearestANSI() {
        #expect(XtermPalette.nearestANSI(250, 10, 10) == 9)
        #expect(XtermPalette.nearestANSI(250, 10, 10, count: 8) == 1)
        #expect(XtermPalette.nearestANSI(0, 0, 0) == 0)
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
}
