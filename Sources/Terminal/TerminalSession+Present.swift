import CNcurses
import Screen

extension TerminalSession {
    /// Shows `buffer`, sending only the cells that changed since the last one (everything
    /// after a resize, a resume, `requestRedraw()` or a change of buffer size). Cells beyond
    /// the screen are clipped; the bottom-right cell is never written.
    public func present(_ buffer: Buffer) {
        guard !stopped else { return }
        if pairsExhausted {  // start the pairs over; every cell on screen gets its pair again
            pairs.reset()
            pairsExhausted = false
            lastStyle = nil
            needsFullRedraw = true
        }
        var base = previous
        if needsFullRedraw || base?.width != buffer.width || base?.height != buffer.height {
            _ = fw_erase()  // not clear(): that repaints the whole terminal every time
            if needsRepaint { _ = fw_force_repaint() }
            needsFullRedraw = false
            needsRepaint = false
            base = nil
        }
        let screenSize = size
        for run in BufferDiff(from: base, to: buffer) {
            for x in run.x..<run.endX {
                switch CellDrawing.of(buffer, x: x, y: run.y, screen: screenSize) {
                case .skip: continue
                case .cell(let cell): write(cell.text, width: Int32(cell.width), style: cell.style, x: x, y: run.y)
                case .blank(let style): write(" ", width: 1, style: style, x: x, y: run.y)
                }
            }
        }
        _ = fw_refresh()
        previous = buffer
    }

    func write(_ text: String, width: Int32, style: Style, x: Int, y: Int) {
        let (attributes, pair) = cursesStyle(style)
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 8) { chars in
            var count = 0
            for scalar in text.unicodeScalars where count < 7 {
                chars[count] = wchar_t(scalar.value)
                count += 1
            }
            chars[count] = 0
            _ = fw_put_cell(Int32(y), Int32(x), chars.baseAddress, width, attributes, pair)
        }
    }

    /// The curses attributes and colour pair of `style`, defining the pair on first use.
    func cursesStyle(_ style: Style) -> (attr_t, Int32) {
        if let last = lastStyle, last.style == style { return (last.attributes, last.pair) }
        var attributes = fw_attr_normal()
        let a = style.attributes
        // Eight colours (TERM=xterm, linux): a bright foreground is its normal colour in bold,
        // which those terminals draw bright, rather than the dark colour alone.
        if a.contains(.bold) || colorMap.brightensByBold(style.foreground) { attributes |= fw_attr_bold() }
        if a.contains(.dim) { attributes |= fw_attr_dim() }
        if a.contains(.italic) { attributes |= fw_attr_italic() }
        if a.contains(.underline) { attributes |= fw_attr_underline() }
        if a.contains(.reverse) { attributes |= fw_attr_reverse() }
        var pair: Int32 = 0
        if colorMap.usesColor {
            let fg = colorMap.number(for: style.foreground, foreground: true)
            let bg = colorMap.number(for: style.background, foreground: false)
            switch pairs.pair(foreground: fg, background: bg) {
            case .existing(let number):
                pair = number
            case .new(let number):
                pair = fw_init_pair(number, fg, bg) == OK ? number : 0
            case .exhausted:
                pairsExhausted = true  // this frame shows default colours here; the next starts over
            }
        }
        lastStyle = (style, attributes, pair)
        return (attributes, pair)
    }
}
