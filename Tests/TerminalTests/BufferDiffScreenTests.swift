import TestSupport
import Testing
import Screen
@testable import Terminal

@Suite("BufferDiff on a terminal screen")
struct BufferDiffScreenTests {

    @Test func anOrphanRightHalfLeftBehindIsRepaired() {
        var old = Buffer(width: 2, height: 1)
        old.put("王", x: 0, y: 0)
        var new = old
        new[0, 0] = Cell("a")  // the subscript leaves the right half behind, unlike set()
        #expect(BufferDiff(from: old, to: new).map { "\($0.y):\($0.x)..<\($0.endX)" } == ["0:0..<2"])
        var screen = ScreenModel.fresh(old, width: 2, height: 2)
        screen.apply(from: old, to: new)
        #expect(screen == ScreenModel.fresh(new, width: 2, height: 2))
    }

    // MARK: Applying the diff to the old screen gives the new one

    static let glyphs: [Character] = ["a", "b", " ", "王", "伟", "e\u{301}", "─", "界"]
    static let styles: [Style] = [.plain, Style(foreground: .ansi(1)), Style(background: .rgb(1, 2, 3), attributes: .bold)]

    static func randomBuffer(width: Int, height: Int, writes: Int, base: Buffer? = nil, using rng: inout SplitMix) -> Buffer {
        var b = base ?? Buffer(width: width, height: height)
        for _ in 0..<writes {
            let glyph = glyphs[Int.random(in: 0..<glyphs.count, using: &rng)]
            let style = styles[Int.random(in: 0..<styles.count, using: &rng)]
            b.set(x: Int.random(in: 0..<width, using: &rng), y: Int.random(in: 0..<height, using: &rng), Cell(glyph, style: style))
        }
        return b
    }

    @Test func applyingTheDiffToTheOldScreenGivesTheNewOne() {
        for seed in UInt64(1)...3000 {
            var rng = SplitMix(seed: seed)
            let width = Int.random(in: 1...10, using: &rng), height = Int.random(in: 1...4, using: &rng)
            let old = Self.randomBuffer(width: width, height: height, writes: width * height, using: &rng)
            let new = seed % 4 == 0
                ? Self.randomBuffer(width: width, height: height, writes: width * height, using: &rng)
                : Self.randomBuffer(width: width, height: height, writes: Int.random(in: 0...4, using: &rng), base: old, using: &rng)
            var screen = ScreenModel.fresh(old, width: width, height: height)
            screen.apply(from: old, to: new)
            let expected = ScreenModel.fresh(new, width: width, height: height)
            #expect(screen == expected, "seed \(seed)\nold:\n\(old.text)\nnew:\n\(new.text)\ngot:\n\(screen)")
            if screen != expected { return }
        }
    }

    @Test func theDiffSkipsWhatDidNotChange() {
        var rng = SplitMix(seed: 42)
        var total = 0, written = 0
        for _ in 0..<200 {
            let old = Self.randomBuffer(width: 20, height: 5, writes: 100, using: &rng)
            let new = Self.randomBuffer(width: 20, height: 5, writes: 2, base: old, using: &rng)
            total += 100
            for run in BufferDiff(from: old, to: new) { written += run.endX - run.x }
        }
        #expect(written * 10 < total, "a two-cell change should rewrite a few cells, not \(written) of \(total)")
    }
}
