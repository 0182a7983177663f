import Foundation
import Dashboard
import Screen

extension Settings {
    /// The config file for these settings, commented: every setting with its choices, keys
    /// the user moved as lines and the built-in ones as comments. `parse` reads it back to the
    /// same settings (tested). What `fleetwatch config --init` and the dashboard's save key write.
    public func yaml() -> String {
        var out = """
            # FleetWatch settings. `fleetwatch config --init` writes this file; the dashboard's
            # save-settings key (W) rewrites it with the sort, filter and columns on screen.
            # The dashboard never writes it otherwise. Every key is optional: remove a line for
            # the built-in value. Command-line options win over this file. Documented in
            # docs/config.md.

            # Colours: dark, light or colorblind (Okabe-Ito). NO_COLOR in the environment still
            # turns colour off.
            theme: \(theme.rawValue)
            # Colour depth: auto (from COLORTERM and TERM), truecolor, 256, 16 or none.
            color: \(color?.rawValue ?? "auto")
            # Drawing characters: auto (linux under TERM=linux, else unicode), unicode, linux
            # (what the Linux console's font has) or ascii.
            glyphs: \(glyphs?.rawValue ?? "auto")
            # Drivers' names: auto (romanised with the linux and ascii glyphs), native
            # (Chinese characters and their romanisation) or romanised.
            names: \(names?.rawValue ?? "auto")
            # Frames per second (\(Self.fpsRange.lowerBound) to \(Self.fpsRange.upperBound)) and simulated seconds per second at start (1 to 10000).
            fps: \(fps)
            speed: \(Self.number(speed))
            # The vehicle table's sort: \(SortColumn.allCases.map(\.rawValue).joined(separator: ", ")).
            sort: \(sort.rawValue)

            """
        if let descending {
            out += "descending: \(descending)\n"
        } else {
            out += "# descending: \(sort.descendingByDefault)    # the column's natural direction when left out\n"
        }
        out += """
            # The filter at start, in the language of the / key (empty: every car).
            filter: \(Self.quoted(filter))
            # The table's columns, in display order; leave one out to hide it. All of them:
            # [\(TableColumn.allCases.map(\.rawValue).joined(separator: ", "))]

            """
        if let columns {
            out += "columns: [\(columns.map(\.rawValue).joined(separator: ", "))]\n"
        } else {
            out += "# columns: [\(TableColumn.allCases.map(\.rawValue).joined(separator: ", "))]\n"
        }
        out += """
            # What the save-view key (w) writes: a picture of the screen as `fleetwatch snapshot` does,
            # svg, txt, html or ansi, into this directory (relative to where fleetwatch starts).
            save-format: \(saveFormat.rawValue)
            save-directory: \(Self.quoted(saveDirectory))
            # The linear mode for screen readers and braille displays (plain lines, typed
            # commands; README, "For screen readers"): true to start in it, and how much it
            # says unasked: quiet (alerts raised and escalated), normal (also closed) or verbose
            # (also what changed, every quarter of a simulated hour).
            linear: \(linear)
            verbosity: \(verbosity.rawValue)
            # Megabytes the live dashboard's checkpoints may take (\(Self.rewindMemoryRange.lowerBound) to \(Self.rewindMemoryRange.upperBound)): the copies
            # of the run a jump back in time (g, [, {) starts from. More, shorter jumps.
            rewind-memory: \(rewindMemoryMB)
            # Keys, by action: a character (q, A, /) or a name (space, enter, esc, tab, backspace,
            # up, down, left, right, pgup, pgdn, home, end, f1-f12, ctrl-a...). An action given
            # keys here loses its built-in ones; a key bound to two actions is refused. Ctrl-C
            # always quits.

            """
        var lines: [String] = []
        for action in KeyAction.allCases {
            let bound = keys[action]
            let list = (bound ?? action.defaultKeys).map { Self.quoted($0.configName) }
            let value = list.count == 1 ? list[0] : "[\(list.joined(separator: ", "))]"
            let line = "\(action.rawValue): \(value)"
            let padded = line.padding(toLength: max(line.count + 1, 30), withPad: " ", startingAt: 0)
            lines.append((bound == nil ? "  # " : "  ") + padded + "# " + action.summary)
        }
        out += keys.isEmpty ? "# keys:\n" : "keys:\n"
        out += lines.joined(separator: "\n") + "\n"
        return out
    }

    /// A YAML scalar for `text`: plain when it is a word, double-quoted with escapes otherwise.
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
            && (text.first?.isLetter ?? false)
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
