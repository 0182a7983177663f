extension Line {
    /// This line broken into lines at most `width` columns wide: at blanks where it can,
    /// inside a word only when the word alone is wider than `width`. Spans keep their
    /// styles; blanks where a line breaks are dropped. An empty line stays one empty line.
    ///
    /// - Complexity: O(n) in the graphemes of the line.
    public func wrapped(toWidth width: Int) -> [Line] {
        guard width > 0 else { return [] }
        typealias Item = (character: Character, style: Style, width: Int)
        var words: [(blanks: [Item], word: [Item])] = []
        var blanks: [Item] = [], word: [Item] = []
        for span in spans {
            for c in span.text {
                let item = (c, span.style, DisplayWidth.of(c))
                if c == " " {
                    if !word.isEmpty { words.append((blanks, word)); blanks = []; word = [] }
                    blanks.append(item)
                } else {
                    word.append(item)
                }
            }
        }
        if !word.isEmpty || !blanks.isEmpty { words.append((blanks, word)) }

        var lines: [[Item]] = [[]]
        var used = 0
        func newLine() { lines.append([]); used = 0 }
        func add(_ item: Item) {
            if used + item.width > width { newLine() }
            lines[lines.count - 1].append(item)
            used += item.width
        }
        for (b, w) in words {
            let bw = b.reduce(0) { $0 + $1.width }, ww = w.reduce(0) { $0 + $1.width }
            if used + bw + ww <= width {
                for i in b + w { add(i) }
            } else if ww <= width && used > 0 {
                newLine()
                for i in w { add(i) }
            } else {
                if used > 0 && used + bw < width { for i in b { add(i) } }
                for i in w { add(i) }
            }
        }
        return lines.map { items in
            var spans: [Span] = []
            for item in items {
                if let last = spans.last, last.style == item.style {
                    spans[spans.count - 1].text.append(item.character)
                } else {
                    spans.append(Span(String(item.character), style: item.style))
                }
            }
            return Line(spans, alignment: alignment)
        }
    }
}
