import Screen

/// Text from data (driver names, scenario strings) made safe for files a person may print to a
/// terminal: the same placeholders as the screen (␛ for ESC…), so every output agrees.
enum Sanitized {
    static func text(_ s: String) -> String { Sanitizer.clean(s) }
}
