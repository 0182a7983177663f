import Foundation
import Testing
import TestSupport

/// The filter and the search typed as a user types them in a real terminal (tmux): cursor
/// moves, the title naming the filter in force until Enter, the history, the alerts and the map
/// following the filter, and `n` / `N`.
@Suite("filter and search in tmux", .enabled(if: LiveDashboard.available, "tmux (with timeout, pgrep, env) is not on PATH"))
struct FilterEndToEndTests {
    /// The selected row of the vehicle table (the one with the selection mark).
    static func selected(_ lines: [String]) -> String? { LiveDashboard.table(lines)?.rows.first { $0.hasPrefix("▶") } }

    @Test func typeWithCursorMovesApplyAndWalkTheHistory() throws {
        let live = try LiveDashboard()
        try live.firstFrame()
        live.tmux.sendKeys("/")
        live.tmux.type("militar")
        live.tmux.sendKeys("Home")
        live.tmux.type("class:")
        // The cursor is back at the start of "militar": the reversed cell is its "m".
        let preview = try live.expect("Home did not move the cursor, or the title did not say preview") {
            LiveDashboard.has($0, "/ class:militar") && LiveDashboard.table($0)?.title.hasPrefix("┏ Vehicles · 0/600 · preview: class:militar · ") == true
        }
        #expect(!(LiveDashboard.table(preview)?.title.contains("filter:") ?? true), "nothing applied yet")
        let escaped = live.tmux.tmux(["capture-pane", "-p", "-e"]).output
        let bar = try #require(escaped.split(separator: "\n").first { $0.contains("class:") && !$0.contains("Vehicles") && !$0.contains("Alerts") })
        #expect(bar.contains("\u{1B}[7mm"), "the cursor cell is the m, reversed: \(bar.debugDescription)")
        live.tmux.sendKeys("End")
        live.tmux.type("y")
        live.tmux.sendKeys("Enter")
        let applied = try live.expect("class:military did not apply") {
            LiveDashboard.table($0)?.title.hasPrefix("┏ Vehicles · 8/600 · filter: class:military · ") == true && !LiveDashboard.has($0, "/ ")
        }
        // The alerts follow the filter and say so.
        let alerts = try #require(applied.first { $0.hasPrefix("╭ Alerts · ") })
        #expect(alerts.contains("filtered: class:military"), "\(alerts)")

        // A text that does not parse: the title keeps the filter in force.
        live.tmux.sendKeys("/", "C-u")
        live.tmux.type("rate>")
        try live.expect("an invalid text changed the title") {
            LiveDashboard.has($0, "/ rate>") && LiveDashboard.table($0)?.title.hasPrefix("┏ Vehicles · 8/600 · filter: class:military · ") == true
                && !(LiveDashboard.table($0)?.title.contains("preview") ?? true)
        }
        // Ctrl-W deletes the word, and a country by the name the screen shows.
        live.tmux.sendKeys("C-w")
        live.tmux.type("dest:China")
        live.tmux.sendKeys("Enter")
        let china = try live.expect("dest:China did not apply") {
            LiveDashboard.table($0)?.title.contains(" · filter: dest:China · ") == true && !LiveDashboard.has($0, "/ ")
        }
        #expect(!(LiveDashboard.table(china)?.title.hasPrefix("┏ Vehicles · 0/600") ?? true), "dest:China matches cars")

        // Up walks back through what was applied: dest:China, then class:military.
        live.tmux.sendKeys("/", "Up")
        try live.expect("Up did not bring back dest:China") { LiveDashboard.has($0, "/ dest:China") }
        live.tmux.sendKeys("Up")
        try live.expect("a second Up did not bring back class:military") { LiveDashboard.has($0, "/ class:military") }
        live.tmux.sendKeys("Enter")
        try live.expect("the history entry did not apply") {
            LiveDashboard.table($0)?.title.hasPrefix("┏ Vehicles · 8/600 · filter: class:military · ") == true
        }
        // The map shows the filtered cars only, and says so.
        live.tmux.sendKeys("m")
        try live.expect("the map does not say it is filtered") {
            $0.contains { $0.hasPrefix("╭ Shanghai · filtered · ") } && !$0.contains { $0.contains("Shanghai · 300 cars") }
                && $0.contains { $0.hasPrefix("filtered: class:military  ") }
        }
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }

    /// `f` searches without hiding anything; Enter lands on the first match, `n` and `N` go on.
    @Test func searchJumpsWithNAndN() throws {
        let live = try LiveDashboard()
        try live.firstFrame()
        live.tmux.sendKeys("Space")  // paused: the order stays put while we jump
        try live.expect("space did not pause") { $0.contains { $0.contains("PAUSED") } }
        live.tmux.sendKeys("f")
        live.tmux.type("class:military")
        let typing = try live.expect("f did not open the search prompt, or it did not count the matches") {
            LiveDashboard.has($0, "find class:military") && $0.contains { $0.hasPrefix("find ") && $0.contains("8 matches") }
        }
        // Nothing is hidden; the matches on screen are marked.
        let table = try #require(LiveDashboard.table(typing))
        #expect(table.title.hasPrefix("┏ Vehicles · 600/600 · "), "\(table.title)")
        #expect(table.rows.filter { $0.hasPrefix("•") }.allSatisfy { $0.contains(" military ") })
        live.tmux.sendKeys("Enter")
        let first = try live.expect("Enter did not land on a military car") {
            LiveDashboard.table($0)?.title.hasPrefix("┏ Vehicles · 600/600 · search: class:military (8) · ") == true
                && (Self.selected($0)?.contains(" military ") ?? false)
        }
        let a = try #require(Self.selected(first).flatMap(LiveDashboard.vin))
        live.tmux.sendKeys("n")
        let second = try live.expect("n did not move to another military car") {
            guard let row = Self.selected($0) else { return false }
            return row.contains(" military ") && LiveDashboard.vin(row) != a
        }
        let b = try #require(Self.selected(second).flatMap(LiveDashboard.vin))
        live.tmux.sendKeys("N")
        try live.expect("N did not go back to \(a)") { Self.selected($0).flatMap(LiveDashboard.vin) == a }
        live.tmux.sendKeys("n", "n")
        try live.expect("n n did not pass \(b)") {
            guard let row = Self.selected($0) else { return false }
            return row.contains(" military ") && LiveDashboard.vin(row) != a && LiveDashboard.vin(row) != b
        }
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
