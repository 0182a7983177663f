/// The cells that changed between two buffers of the same size, as runs of adjacent columns
/// (after ratatui's `Buffer::diff`): what a terminal must rewrite to turn the old picture into
/// the new one. A buffer of another size (or none) counts as all blank, which is what the
/// screen holds after `erase()`.
///
/// A run covers columns `x..<endX` of row `y` in the new buffer. The right half of a wide
/// grapheme is in a run exactly when its left half is (drawing the left half draws both).
/// Besides the cells that differ, a run includes the cell after an old wide grapheme that
/// changed (the terminal blanks both halves when one is overwritten) and the left half of a
/// wide grapheme whose right half changed.
///
/// - Complexity: O(width × height), no allocation.
public struct BufferDiff: Sequence {
    /// Columns `x..<endX` of row `y` to rewrite.
    public struct Run: Hashable, Sendable, CustomStringConvertible {
        public var y: Int
        public var x: Int
        public var endX: Int

        public init(y: Int, x: Int, endX: Int) {
            self.y = y
            self.x = x
            self.endX = endX
        }

        public var description: String { "row \(y) cols \(x)..<\(endX)" }
    }

    public let old: Buffer
    public let new: Buffer

    public init(from old: Buffer?, to new: Buffer) {
        if let old, old.width == new.width, old.height == new.height {
            self.old = old
        } else {
            self.old = Buffer(width: new.width, height: new.height)
        }
        self.new = new
    }

    public func makeIterator() -> Iterator { Iterator(old: old, new: new) }

    public struct Iterator: IteratorProtocol {
        let old: Buffer
        let new: Buffer
        var y = 0
        var x = 0
        /// How many more cells of this row must be rewritten whatever they hold.
        var invalidated = 0
        /// Whether the last cell visited was rewritten (a covered right half follows it).
        var previousDirty = false

        init(old: Buffer, new: Buffer) {
            self.old = old
            self.new = new
        }

        public mutating func next() -> Run? {
            let width = new.width
            while y < new.height {
                var start = -1
                while x < width {
                    let dirty = isDirty(x)
                    x += 1
                    if dirty {
                        if start < 0 { start = x - 1 }
                    } else if start >= 0 {
                        return Run(y: y, x: start, endX: x - 1)
                    }
                }
                let row = y
                y += 1
                x = 0
                invalidated = 0
                previousDirty = false
                if start >= 0 { return Run(y: row, x: start, endX: width) }
            }
            return nil
        }

        /// Whether column `x` of row `y` goes in a run; called once per cell, left to right.
        mutating func isDirty(_ x: Int) -> Bool {
            let row = y * new.width
            let n = new.cells[row + x], o = old.cells[row + x]
            let covered = n.isContinuation && x > 0 && new.cells[row + x - 1].width == 2
            var dirty: Bool
            if covered {
                dirty = previousDirty
            } else {
                dirty = n != o || invalidated > 0
                if !dirty, n.width == 2 || o.width == 2, x + 1 < new.width {
                    dirty = new.cells[row + x + 1] != old.cells[row + x + 1]
                }
            }
            invalidated = Swift.max(0, invalidated - 1)
            if o.width == 2 && n != o { invalidated = Swift.max(invalidated, 1) }
            previousDirty = dirty
            return dirty
        }
    }
}
