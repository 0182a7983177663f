import TestSupport
import Testing
@testable import Screen

@Suite struct LayoutTests {
    let area = Rect(x: 0, y: 0, width: 100, height: 30)

    @Test func lengthsPercentagesAndFills() {
        #expect(Layout.sizes(total: 100, constraints: [.length(10), .fill(1), .length(20)]) == [10, 70, 20])
        #expect(Layout.sizes(total: 100, constraints: [.percentage(25), .fill(1), .fill(2)]) == [25, 25, 50])
        #expect(Layout.sizes(total: 10, constraints: [.fill(1), .fill(1), .fill(1)]) == [4, 3, 3])  // remainders exact
        #expect(Layout.sizes(total: 100, constraints: [.min(10), .length(30)]) == [70, 30])
        #expect(Layout.sizes(total: 100, constraints: [.length(10), .length(20)]) == [10, 20])  // rest unused
    }

    @Test func tooLittleRoomShrinksTheLastPartsFirst() {
        #expect(Layout.sizes(total: 25, constraints: [.length(10), .length(10), .length(10)]) == [10, 10, 5])
        #expect(Layout.sizes(total: 5, constraints: [.length(10), .min(3), .fill(1)]) == [5, 0, 0])
        #expect(Layout.sizes(total: 0, constraints: [.fill(1), .percentage(50)]) == [0, 0])
        #expect(Layout.sizes(total: 10, constraints: []) == [])
    }

    @Test func spacingAndRects() {
        let rows = Layout.vertical([.length(1), .fill(1), .length(1)]).split(area)
        #expect(rows == [Rect(x: 0, y: 0, width: 100, height: 1), Rect(x: 0, y: 1, width: 100, height: 28), Rect(x: 0, y: 29, width: 100, height: 1)])
        let cols = Rect(x: 2, y: 3, width: 21, height: 4).split(.horizontal([.fill(1), .fill(1)], spacing: 1))
        #expect(cols == [Rect(x: 2, y: 3, width: 10, height: 4), Rect(x: 13, y: 3, width: 10, height: 4)])
    }

    @Test func sizesAlwaysFitAndNeverGoNegative() {
        var g = SplitMix(seed: 3)
        for _ in 0..<500 {
            let total = Int(g.next() % 200)
            let constraints: [Constraint] = (0..<Int(1 + g.next() % 6)).map { _ in
                switch g.next() % 4 {
                case 0: .length(Int(g.next() % 60))
                case 1: .min(Int(g.next() % 60))
                case 2: .percentage(Int(g.next() % 120))
                default: .fill(Int(g.next() % 4))
                }
            }
            let sizes = Layout.sizes(total: total, constraints: constraints, spacing: 1)
            #expect(sizes.allSatisfy { $0 >= 0 })
            #expect(sizes.reduce(0, +) <= max(0, total - (constraints.count - 1)))
            if constraints.contains(where: { if case .fill(let w) = $0 { w > 0 } else if case .min = $0 { true } else { false } }) {
                #expect(sizes.reduce(0, +) == max(0, total - (constraints.count - 1)), "\(total) \(constraints) -> \(sizes)")
            }
        }
    }

    @Test func centered() {
        #expect(area.centered(width: 40, height: 10) == Rect(x: 30, y: 10, width: 40, height: 10))
        #expect(Rect(x: 0, y: 0, width: 10, height: 4).centered(width: 20, height: 2) == Rect(x: 0, y: 1, width: 10, height: 2))
    }
}
