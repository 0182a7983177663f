import Testing
@testable import Terminal

/// The OSC 52 copy: the bytes the terminal receives.
@Suite struct ClipboardTests {
    @Test func theSequenceIsOSC52WithBase64AndBEL() {
        let bytes = Clipboard.osc52("LRW3E7FA1PC100001")
        #expect(bytes == Array("\u{1B}]52;c;TFJXM0U3RkExUEMxMDAwMDE=\u{07}".utf8))
    }

    @Test func base64MatchesRFC4648() {
        // RFC 4648, section 10.
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { #expect(Clipboard.base64(Array(plain.utf8)) == Array(encoded.utf8), "\(plain)") }
        #expect(Clipboard.base64([0xFF, 0xFE, 0x00]) == Array("//4A".utf8))
    }

    @Test func noControlByteButTheFrameAndALongTextIsCutAtACharacter() {
        let long = Clipboard.osc52(String(repeating: "王", count: 3000))
        let payload = long.dropFirst(7).dropLast()
        #expect(payload.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "only base64 between the frame")
        #expect(payload.count == 1365 * 4, "4096 bytes of UTF-8 cut to 1365 whole characters (4095 bytes)")
    }
}
