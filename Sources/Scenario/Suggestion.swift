/// "Did you mean" for misspelt keys, values and references.
public enum Suggestion {
    /// Levenshtein distance over Unicode scalars, case-insensitive.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest candidate, if it is close enough to be a likely typo (at most a third of its
    /// length, and at least 2, edits away), or the only one that `word` begins; ties go to the
    /// alphabetically first.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (Int, String)? = nil
        for c in candidates {
            let d = editDistance(word, c)
            guard d <= max(2, c.count / 3), d < word.count + c.count else { continue }
            if best.map({ (d, c) < $0 }) ?? true { best = (d, c) }
        }
        if let best { return best.1 }
        // A word cut short ("camera" for "camera-clip") is a typo too, when only one name fits.
        let extensions = candidates.filter { word.count >= 3 && $0.lowercased().hasPrefix(word.lowercased()) }
        return extensions.count == 1 ? extensions[0] : nil
    }

    /// "; did you mean 'x'?" or "; expected one of: a, b, c" (sorted), for the end of a message.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        let list = Array(candidates).sorted()
        if let close = closest(to: word, among: list) { return "; did you mean '\(close)'?" }
        if list.isEmpty { return "" }
        if list.count > 12 { return "; expected one of: " + list.prefix(12).joined(separator: ", ") + ", ..." }
        return "; expected one of: " + list.joined(separator: ", ")
    }
}
