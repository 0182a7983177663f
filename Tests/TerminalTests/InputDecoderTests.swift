import Screen
import Testing
@testable import Terminal

@Suite("InputDecoder")
struct InputDecoderTests {
    let size = TerminalSize(width: 80, height: 24)

    // ncurses' KEY_* values (curses.h, octal there) written out, so the test also checks the
    // decoder is wired to the real constants.
    static let keyCodeTable: [(Int32, Key)] = [
        (0o403, .up), (0o402, .down), (0o404, .left), (0o405, .right),
        (0o523, .pageUp), (0o522, .pageDown), (0o406, .home), (0o550, .end),
        (0o527, .enter), (0o541, .backTab), (0o407, .backspace), (0o512, .delete), (0o513, .insert),
        (0o410 + 1, .function(1)), (0o410 + 5, .function(5)), (0o410 + 12, .function(12)),
    ]

    @Test(arguments: keyCodeTable)
    func keyCodes(_ code: Int32, _ key: Key) {
        #expect(InputDecoder.decode(.keyCode(code), size: size) == .key(key))
    }

    @Test func unknownKeyCodesAndF13AreDropped() {
        #expect(InputDecoder.decode(.keyCode(0o410 + 13), size: size) == nil)
        #expect(InputDecoder.decode(.keyCode(0o410), size: size) == nil)  // F0
        #expect(InputDecoder.decode(.keyCode(0o777), size: size) == nil)
    }

    @Test func resizeCarriesTheSize() {
        #expect(InputDecoder.decode(.keyCode(0o632), size: size) == .resize(size))  // KEY_RESIZE
        let tiny = TerminalSize(width: 1, height: 1)
        #expect(InputDecoder.decode(.keyCode(0o632), size: tiny) == .resize(tiny))
    }

    static let characterTable: [(UInt32, Key?)] = [
        (0x1B, .escape), (0x0D, .enter), (0x0A, .enter), (0x09, .tab), (0x7F, .backspace), (0x08, .backspace),
        (0x01, .ctrl("a")), (0x03, .ctrl("c")), (0x1A, .ctrl("z")), (0x0C, .ctrl("l")), (0x00, .ctrl("@")),
        (0x1C, .ctrl("\\")), (0x1F, .ctrl("_")),
        (0x71, .character("q")), (0x20, .character(" ")), (0x7E, .character("~")),
        (0x738B, .character("王")), (0xE9, .character("é")), (0x1F697, .character("🚗")),
        (0x85, nil), (0x9B, nil), (0xD800, nil), (0x110000, nil),
    ]

    @Test(arguments: characterTable)
    func characters(_ value: UInt32, _ key: Key?) {
        #expect(InputDecoder.decode(.character(value), size: size) == key.map(InputEvent.key))
    }

    // BUTTON1_PRESSED 0x2, BUTTON1_RELEASED 0x1, BUTTON1_CLICKED 0x4, BUTTON4_PRESSED 0x10000,
    // BUTTON5_PRESSED 0x200000 (ncurses mouse version 2).
    @Test func mouse() {
        #expect(InputDecoder.decode(.mouse(x: 3, y: 4, buttons: 0x2), size: size) == .mouse(.click(x: 3, y: 4)))
        #expect(InputDecoder.decode(.mouse(x: 3, y: 4, buttons: 0x4), size: size) == .mouse(.click(x: 3, y: 4)))
        #expect(InputDecoder.decode(.mouse(x: 0, y: 9, buttons: 0x10000), size: size) == .mouse(.wheelUp(x: 0, y: 9)))
        #expect(InputDecoder.decode(.mouse(x: 7, y: 1, buttons: 0x200000), size: size) == .mouse(.wheelDown(x: 7, y: 1)))
        #expect(InputDecoder.decode(.mouse(x: 3, y: 4, buttons: 0x1), size: size) == nil)
        #expect(InputDecoder.decode(.mouse(x: -1, y: -5, buttons: 0x2), size: size) == .mouse(.click(x: 0, y: 0)))
    }

    @Test func aBatchKeepsOnlyTheLastResize() {
        var events: [InputEvent] = []
        TerminalSession.append(.resize(TerminalSize(width: 10, height: 5)), to: &events)
        TerminalSession.append(.key(.up), to: &events)
        TerminalSession.append(.resize(TerminalSize(width: 1, height: 1)), to: &events)
        #expect(events == [.key(.up), .resize(TerminalSize(width: 1, height: 1))])
    }

    @Test func sizesAreAtLeastOneByOne() {
        #expect(TerminalSize(width: 0, height: -3) == TerminalSize(width: 1, height: 1))
    }
}
