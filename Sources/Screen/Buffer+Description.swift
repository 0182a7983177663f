extension Buffer: CustomStringConvertible {
    /// The text lines first, quoted so trailing blanks show, then only the runs that are not
    /// plain: what a reviewer needs to see when a screen test fails.
    public var description: String {
        var out = "Buffer \(width)x\(height)\n"
        for l in lines { out += "\"\(l)\"\n" }
        var styled: [String] = []
        for y in 0..<height {
            for run in runs(inRow: y) where run.style != .plain {
                styled.append("  y\(y) x\(run.x)..<\(run.maxX) \(run.style) \"\(run.text)\"")
            }
        }
        if !styled.isEmpty { out += "styles:\n" + styled.joined(separator: "\n") + "\n" }
        return out
    }
}

extension Style: CustomStringConvertible {
    /// `fg=… bg=… +bold`, leaving out what is default.
    public var description: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=\(foreground)") }
        if background != .default { parts.append("bg=\(background)") }
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse")]
        for (a, name) in names where attributes.contains(a) { parts.append("+" + name) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}

extension Color: CustomStringConvertible {
    public var description: String {
        switch self {
        case .default: "default"
        case .ansi(let i): "ansi(\(i))"
        case .indexed(let i): "indexed(\(i))"
        case .rgb(let r, let g, let b): RGB(r, g, b).hex
        }
    }
}
