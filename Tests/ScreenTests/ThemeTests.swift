import Foundation
import Testing
@testable import Screen

/// Legibility of the themes, by the WCAG 2 contrast ratio of each style's foreground against
/// its background (its own, or the terminal background the theme is made for).
@Suite struct ThemeTests {
    static func luminance(_ c: RGB) -> Double {
        func channel(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055).pow24
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// Text (≥ 4.5, WCAG AA) and meaning-bearing colours (≥ 3, the ratio for large text and
    /// graphics; each also carries a glyph or attribute). Borders and the gauge track are
    /// decoration and may be faint.
    @Test(arguments: [
        (Theme.Name.dark, RGB(0x10, 0x12, 0x16), RGB(0xE6, 0xE6, 0xE6)),
        (.light, RGB(0xFF, 0xFF, 0xFF), RGB(0x1A, 0x1A, 0x1A)),
        (.colorBlind, RGB(0x10, 0x12, 0x16), RGB(0xE6, 0xE6, 0xE6)),
    ])
    func everyStyleIsLegibleOnItsBackground(name: Theme.Name, terminalBackground: RGB, terminalForeground: RGB) {
        let t = name.theme
        let text: [(String, Style)] = [("dim", t.dim), ("header", t.header), ("title", t.title), ("selected", t.selected), ("tabSelected", t.tabSelected), ("key", t.key), ("popup", t.popup), ("severityCritical", t.severityCritical)]
        let meaning: [(String, Style)] = [("severityWatch", t.severityWatch), ("severityHigh", t.severityHigh), ("trafficUp", t.trafficUp), ("trafficDown", t.trafficDown), ("china", t.china), ("us", t.us), ("thirdCountry", t.thirdCountry), ("restricted", t.restricted), ("borderFocused", t.borderFocused)]
        func rgb(_ c: Color, default d: RGB) -> RGB { c == .default ? d : (Palette.xterm.rgb(c) ?? d) }
        for (list, minimum) in [(text, 4.5), (meaning, 3.0)] {
            for (what, s) in list {
                let ratio = Self.contrast(rgb(s.foreground, default: terminalForeground), rgb(s.background, default: terminalBackground))
                #expect(ratio >= minimum, "\(name) \(what): \(ratio)")
            }
        }
    }

    /// The 16-colour theme never relies on a colour that one background hides: every colour
    /// it uses keeps 3:1 against xterm's dark background and against white; no background
    /// colours (the selection is reversed).
    @Test func sixteenColoursAreLegibleOnDarkAndLight() {
        let t = Theme.dark.adapted(to: .ansi16)
        #expect(t == .ansi16 && Theme.light.adapted(to: .ansi16) == .ansi16 && Theme.colorBlind.adapted(to: .ansi16) == .ansi16)
        let styles = [t.text, t.dim, t.header, t.border, t.borderFocused, t.title, t.selected, t.tabSelected, t.key, t.severityWatch, t.severityHigh, t.severityCritical, t.trafficUp, t.trafficDown, t.china, t.us, t.thirdCountry, t.restricted, t.track, t.popup]
        for s in styles {
            #expect(s.background == .default)
            guard case .ansi(let i) = s.foreground else {
                #expect(s.foreground == .default)
                continue
            }
            let c = Palette.xterm.ansi[Int(i)]
            let onDark = Self.contrast(c, Palette.xterm.background), onLight = Self.contrast(c, RGB(0xFF, 0xFF, 0xFF))
            #expect(onDark >= 3 && onLight >= 3, "ANSI \(i): \(onDark) on dark, \(onLight) on white")
        }
        #expect(t.selected.attributes.contains(.reverse))
        // The meanings stay apart: China, the US and third countries in three colours.
        #expect(Set([t.china.foreground, t.us.foreground, t.thirdCountry.foreground]).count == 3)
    }

    @Test func noColourMeansMonochromeForEveryTheme() {
        for name in Theme.Name.allCases { #expect(name.theme.adapted(to: .none) == .monochrome) }
        #expect(Theme.light.adapted(to: .truecolor) == .light && Theme.colorBlind.adapted(to: .indexed256) == .colorBlind)
    }
}

extension Double {
    fileprivate var pow24: Double { exp(2.4 * log(self)) }
}

/// The map's styles: what is drawn on the water stays legible on its tint, the lines stand out
/// from the background, motorways brighter than roads, and a theme without a water background
/// (monochrome, 16 colours) gets the pattern instead.
@Suite struct MapThemeTests {
    @Test(arguments: [
        (Theme.Name.dark, RGB(0x10, 0x12, 0x16), RGB(0xE6, 0xE6, 0xE6)),
        (.light, RGB(0xFF, 0xFF, 0xFF), RGB(0x1A, 0x1A, 0x1A)),
        (.colorBlind, RGB(0x10, 0x12, 0x16), RGB(0xE6, 0xE6, 0xE6)),
    ])
    func mapStylesAreLegible(name: Theme.Name, terminalBackground: RGB, terminalForeground: RGB) {
        let t = name.theme
        func rgb(_ c: Color, default d: RGB) -> RGB { c == .default ? d : (Palette.xterm.rgb(c) ?? d) }
        let water = rgb(t.water.background, default: terminalBackground)
        #expect(t.water.background != .default, "\(name): a colour theme tints the water")
        // Labels and marks are drawn over water too: text 4.5, marks and lines 3.
        for (what, s, minimum) in [("dim", t.dim, 4.5), ("title", t.title, 4.5), ("key", t.key, 4.5), ("restricted", t.restricted, 3.0),
                                   ("trafficDown", t.trafficDown, 3.0), ("severityHigh", t.severityHigh, 3.0), ("severityWatch", t.severityWatch, 3.0),
                                   ("coast", t.coast, 3.0), ("river", t.river, 3.0)] {
            let ratio = ThemeTests.contrast(rgb(s.foreground, default: terminalForeground), water)
            #expect(ratio >= minimum, "\(name) \(what) on water: \(ratio)")
        }
        // On land: the water's edge and motorways as meaning (3), roads fainter but visible (1.5).
        let land = terminalBackground
        for (what, s, minimum) in [("coast", t.coast, 3.0), ("river", t.river, 3.0), ("motorway", t.motorway, 3.0), ("road", t.road, 1.5)] {
            let ratio = ThemeTests.contrast(rgb(s.foreground, default: terminalForeground), land)
            #expect(ratio >= minimum, "\(name) \(what): \(ratio)")
        }
        let motorway = ThemeTests.contrast(rgb(t.motorway.foreground, default: terminalForeground), land)
        let road = ThemeTests.contrast(rgb(t.road.foreground, default: terminalForeground), land)
        #expect(motorway > road * 1.3, "\(name): motorways brighter than roads")
        // The water tint itself is a tint: the background shows through, never a block.
        #expect(ThemeTests.contrast(water, land) < 1.6, "\(name) water tint")
    }

    @Test func withoutBackgroundsWaterIsAPattern() {
        for t in [Theme.monochrome, .ansi16] {
            #expect(t.water.background == .default)
            #expect(t.road.attributes.contains(.dim) && !t.motorway.attributes.contains(.dim), "motorways brighter than roads")
        }
        let t = Theme.ansi16
        for s in [t.water, t.coast, t.river, t.road, t.motorway] {
            guard case .ansi(let i) = s.foreground else { #expect(s.foreground == .default); continue }
            let c = Palette.xterm.ansi[Int(i)]
            #expect(ThemeTests.contrast(c, Palette.xterm.background) >= 3 && ThemeTests.contrast(c, RGB(0xFF, 0xFF, 0xFF)) >= 3)
        }
    }
}
