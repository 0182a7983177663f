import TestSupport
import Testing
@testable import Screen

@Suite struct ColorTests {
    @Test func cubeAndGreyColoursMapToThemselvesAt256() {
        for i in 16...255 {
            let rgb = Palette.xterm256(UInt8(i))
            let back = Color.nearest256(rgb)
            // Two greys exist twice (cube diagonal and ramp never coincide in xterm's values),
            // so every index maps back to itself.
            #expect(back == UInt8(i), "index \(i) \(rgb) -> \(back)")
        }
    }

    @Test func reductionTo256() {
        #expect(Color.rgb(0xFF, 0x00, 0x00).reduced(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(0x80, 0x80, 0x80).reduced(to: .indexed256) == .indexed(244))  // grey ramp 0x80
        #expect(Color.rgb(0x12, 0x14, 0x18).reduced(to: .indexed256) == .indexed(233))  // near-black: a grey, not cube 16
        #expect(Color.rgb(0x26, 0x4F, 0x78).reduced(to: .indexed256) == .indexed(24))  // 0x00,0x5f,0x87
        #expect(Color.ansi(3).reduced(to: .indexed256) == .ansi(3))
    }

    @Test func reductionTo16() {
        #expect(Color.rgb(0xFF, 0x00, 0x00).reduced(to: .ansi16) == .ansi(9))
        #expect(Color.rgb(0xC0, 0x10, 0x10).reduced(to: .ansi16) == .ansi(1))
        #expect(Color.rgb(0x50, 0x90, 0xFF).reduced(to: .ansi16) == .ansi(12))
        #expect(Color.rgb(0x12, 0x14, 0x18).reduced(to: .ansi16) == .ansi(0))
        #expect(Color.rgb(0xE6, 0xE6, 0xE6).reduced(to: .ansi16) == .ansi(7))
        #expect(Color.indexed(11).reduced(to: .ansi16) == .ansi(11))
        #expect(Color.indexed(196).reduced(to: .ansi16) == .ansi(9))
        #expect(Color.indexed(244).reduced(to: .ansi16) == .ansi(8))
    }

    @Test func truecolorKeepsAndNoneDropsColour() {
        let colors: [Color] = [.default, .ansi(5), .indexed(100), .rgb(1, 2, 3)]
        for c in colors {
            #expect(c.reduced(to: .truecolor) == c)
            #expect(c.reduced(to: .none) == .default)
            #expect(ColorDepth.ansi16.reduce(c) == c.reduced(to: .ansi16))
        }
        let s = Style(foreground: .rgb(255, 0, 0), background: .indexed(20), attributes: .bold).reduced(to: .none)
        #expect(s == Style(attributes: .bold))
    }

    @Test func reductionIsIdempotentAndStaysInRange() {
        var g = SplitMix(seed: 7)
        for _ in 0..<500 {
            let c = Color.rgb(UInt8(truncatingIfNeeded: g.next()), UInt8(truncatingIfNeeded: g.next()), UInt8(truncatingIfNeeded: g.next()))
            for depth in ColorDepth.allCases {
                let once = c.reduced(to: depth)
                #expect(once.reduced(to: depth) == once)
                if depth == .ansi16, case .ansi(let i) = once { #expect(i < 16) }
                if depth == .ansi16 { if case .ansi = once {} else { Issue.record("\(c) -> \(once) at 16") } }
            }
        }
    }

    @Test func hexAndBlend() {
        #expect(RGB(0x0A, 0xBC, 0xFF).hex == "#0abcff")
        #expect(RGB(0, 0, 0).blended(with: RGB(200, 100, 50), amount: 0.5) == RGB(100, 50, 25))
        #expect(Palette.xterm256(16) == RGB(0, 0, 0))
        #expect(Palette.xterm256(231) == RGB(255, 255, 255))
        #expect(Palette.xterm256(232) == RGB(8, 8, 8))
        #expect(Palette.xterm.rgb(.indexed(9)) == RGB(255, 0, 0))
        #expect(Palette.xterm.rgb(.default) == nil)
    }

    @Test func themeAdaptsToNoColour() {
        #expect(Theme.dark.adapted(to: .truecolor) == .dark)
        let mono = Theme.dark.adapted(to: .none)
        #expect(mono.selected == Style(attributes: .reverse))
        #expect(mono.severityCritical.attributes.contains(.reverse))
        #expect(mono.china.foreground == .default && mono.china.background == .default)
    }
}
