import Scenario

/// The input as text. The fuzzer's bytes are decoded the way `String(decoding:)` does (invalid
/// UTF-8 becomes U+FFFD), so every input reaches the decoder: `YAMLLoader.load` refuses invalid
/// UTF-8 itself, and `Scenario.parse` takes any `String`.
public func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// Checks what a refused scenario says: at least one diagnostic, each with a message, in the
/// file it was given, at a line and column inside the text (or just past its end, where an
/// unclosed construct is reported). Lines are counted with every break YAML knows (LF, CR,
/// NEL, LS, PS) and columns against the longest line in bytes, so the bound is loose in the
/// safe direction.
public func checkRefusal(_ error: ScenarioError, text: String, file: String) {
    precondition(!error.diagnostics.isEmpty, "a refused scenario has no diagnostic")
    var breaks = 0, longest = 0, current = 0
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
            breaks += 1
            current = 0
        default:
            current += UTF8.width(scalar)
            longest = max(longest, current)
        }
    }
    for d in error.diagnostics {
        precondition(!d.message.isEmpty, "an empty diagnostic at \(d.location)")
        precondition(d.location.file == file, "a diagnostic names another file: \(d)")
        precondition(d.location.line >= 1 && d.location.line <= breaks + 2, "line out of the text (\(breaks + 1) lines): \(d)")
        precondition(d.location.column >= 1 && d.location.column <= longest + 2,
            "column out of the text (longest line \(longest) bytes): \(d)")
    }
    let sorted = error.diagnostics.map(\.location)
    precondition(sorted == sorted.sorted(), "diagnostics are not in file order: \(error)")
}
