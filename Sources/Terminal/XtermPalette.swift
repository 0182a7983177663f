/// The xterm 256-colour palette and nearest-colour reduction into it. Kept here until Screen
/// offers one; the terminal never changes the user's palette, it only picks from it.
enum XtermPalette {
    /// The six levels of each channel in the 6x6x6 cube (indices 16-231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's defaults for the 16 ANSI colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of palette entry `index`.
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return ansi[i] }
        if i < 232 {
            let c = i - 16
            return (cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
        }
        let gray = 8 + 10 * (i - 232)
        return (gray, gray, gray)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    /// The nearest entry among 16-255 (the cube and the grays; entries 0-15 are left out
    /// because terminals theme them).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let c = (Int(r), Int(g), Int(b))
        func level(_ v: Int) -> Int {
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let cube = 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
        let average = (c.0 + c.1 + c.2) / 3
        let grayStep = min(23, max(0, (average - 3) / 10))
        let gray = 232 + grayStep
        let cubeDistance = distance(c, rgb(UInt8(cube)))
        let grayDistance = distance(c, rgb(UInt8(gray)))
        return UInt8(grayDistance < cubeDistance ? gray : cube)
    }

    /// The nearest of the 16 ANSI colours (`count` 8 leaves out the bright ones).
    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int = 16) -> UInt8 {
        let c = (Int(r), Int(g), Int(b))
        var best = 0
        var bestDistance = Int.max
        for i in 0..<min(16, max(1, count)) {
            let d = distance(c, ansi[i])
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }
}
