/// How much of a split one part takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less only when the whole is too small).
    case length(Int)
    /// At least `n` cells; shares what is left over like `fill(1)`.
    case min(Int)
    /// `p` percent of the whole, rounded down.
    case percentage(Int)
    /// A share of what is left over after lengths, minimums and percentages, by weight.
    case fill(Int)
}

/// Splits a rectangle into rows or columns by constraints, as ratatui's `Layout` does.
///
/// The rule, in order: lengths, percentages and minimums get their size; if that is more
/// than there is, the last parts give way first (down to 0); what is left goes to `fill` and
/// `min` parts by weight (largest remainder, so the sizes always add up exactly); with no
/// such part, it stays unused at the end. Deterministic, and sizes never go negative.
public struct Layout: Hashable, Sendable {
    public enum Direction: Hashable, Sendable { case horizontal, vertical }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Cells left empty between parts.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = Swift.max(0, spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout { Layout(.vertical, constraints, spacing: spacing) }
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout { Layout(.horizontal, constraints, spacing: spacing) }

    /// One rectangle per constraint, in order.
    public func split(_ area: Rect) -> [Rect] {
        let total = direction == .horizontal ? area.width : area.height
        let sizes = Layout.sizes(total: total, constraints: constraints, spacing: spacing)
        var rects: [Rect] = []
        var offset = 0
        for size in sizes {
            switch direction {
            case .horizontal: rects.append(Rect(x: area.x + offset, y: area.y, width: size, height: area.height))
            case .vertical: rects.append(Rect(x: area.x, y: area.y + offset, width: area.width, height: size))
            }
            offset += size + spacing
        }
        return rects
    }

    /// The sizes a split of `total` cells gives (see the type's rule).
    public static func sizes(total: Int, constraints: [Constraint], spacing: Int = 0) -> [Int] {
        let n = constraints.count
        guard n > 0 else { return [] }
        let available = Swift.max(0, total - spacing * (n - 1))
        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let v), .min(let v): Swift.max(0, v)
            case .percentage(let p): available * Swift.max(0, Swift.min(100, p)) / 100
            case .fill: 0
            }
        }
        var excess = sizes.reduce(0, +) - available
        var i = n - 1
        while excess > 0 && i >= 0 {
            let cut = Swift.min(excess, sizes[i])
            sizes[i] -= cut
            excess -= cut
            i -= 1
        }
        let weights = constraints.map { c -> Int in
            switch c {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            default: 0
            }
        }
        let extra = Layout.distribute(-Swift.min(0, excess), weights: weights)
        for k in 0..<n { sizes[k] += extra[k] }
        return sizes
    }

    /// `amount` shared by integer `weights`, by largest remainder (ties to the earlier part);
    /// all zero when every weight is zero.
    public static func distribute(_ amount: Int, weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, amount > 0 else { return weights.map { _ in 0 } }
        var shares = weights.map { amount * $0 / sum }
        var left = amount - shares.reduce(0, +)
        let order = weights.indices.sorted { a, b in
            let ra = amount * weights[a] % sum, rb = amount * weights[b] % sum
            return ra != rb ? ra > rb : a < b
        }
        for k in order where left > 0 && weights[k] > 0 {
            shares[k] += 1
            left -= 1
        }
        return shares
    }
}

extension Rect {
    /// A `width`×`height` rectangle centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = Swift.min(w, width), ch = Swift.min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// This rectangle split by `layout`.
    public func split(_ layout: Layout) -> [Rect] { layout.split(self) }

    /// This rectangle shrunk by `horizontal` columns left and right, `vertical` rows top and bottom.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }
}

/// Which of a row's pieces to show when they do not all fit: the highest priority first (ties
/// in order), each that still fits with `gap` columns before all but the first, shown in their
/// own order. The header's segments and the footer's key hints both drop pieces this way.
public enum PriorityFit {
    /// The indices chosen, ascending, and the columns they use.
    public static func choose(widths: [Int], priorities: [Int], gap: Int, width: Int) -> (indices: [Int], used: Int) {
        let order = widths.indices.sorted { a, b in priorities[a] != priorities[b] ? priorities[a] > priorities[b] : a < b }
        var chosen: [Int] = []
        var used = 0
        for i in order {
            let extra = widths[i] + (chosen.isEmpty ? 0 : gap)
            if used + extra <= width {
                chosen.append(i)
                used += extra
            }
        }
        return (chosen.sorted(), used)
    }
}
