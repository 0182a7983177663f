import CNcurses
import Glibc
import Screen

extension TerminalSession {
    /// Waits up to `timeoutMilliseconds` for input (less when some arrives or a signal is
    /// pending), then returns everything that is ready: keys, mouse, at most one resize (with
    /// the new size), `.resumed` after Ctrl-Z, `.terminate` for SIGINT/SIGTERM/SIGHUP.
    /// Pace a loop at `fps` frames per second with a timeout of `1000 / fps`.
    public func nextEvents(timeoutMilliseconds: Int) -> [InputEvent] {
        guard !stopped else { return [] }
        var events: [InputEvent] = []
        takeSignals(into: &events)
        fw_timeout(events.isEmpty ? Int32(clamping: max(0, timeoutMilliseconds)) : 0)
        // Sequences curses did not turn into KEY_* codes come as characters: reassembled here,
        // so that none reads as Esc (see EscapeSequenceDecoder).
        var decoder = EscapeSequenceDecoder()
        var read = 0
        while read < 512 {  // bounded: a paste cannot hold the frame forever
            var character: wint_t = 0
            let result = fw_get_wch(&character)
            if result == ERR { break }
            read += 1
            fw_timeout(0)  // take what is already there without waiting again
            let raw: RawInput
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: character)
                if code == KEY_MOUSE {
                    var x: Int32 = 0, y: Int32 = 0
                    var buttons: mmask_t = 0
                    guard fw_get_mouse(&x, &y, &buttons) == OK else { continue }
                    raw = .mouse(x: Int(x), y: Int(y), buttons: UInt(buttons))
                } else {
                    if code == KEY_RESIZE { adoptCursesSize() }
                    raw = .keyCode(code)
                }
            } else {
                raw = .character(UInt32(character))
            }
            for event in decoder.feed(raw, size: size) { Self.append(event, to: &events) }
            takeSignals(into: &events)
        }
        for event in decoder.finish() { Self.append(event, to: &events) }
        takeSignals(into: &events)
        return events
    }

    /// Adds `event`, keeping only the last resize of a batch.
    static func append(_ event: InputEvent, to events: inout [InputEvent]) {
        if case .resize = event { events.removeAll { if case .resize = $0 { true } else { false } } }
        events.append(event)
    }

    /// Turns the flags the C handlers set into events and actions.
    func takeSignals(into events: inout [InputEvent]) {
        switch fw_take_quit_signal() {
        case SIGINT: events.append(.terminate(.interrupt))
        case SIGTERM: events.append(.terminate(.terminate))
        case SIGHUP: events.append(.terminate(.hangup))
        default: break
        }
        if fw_take_tstp() != 0 {
            suspend()
            events.append(.resumed)
        } else if fw_take_cont() != 0 {
            // Continued after a SIGSTOP we never saw: the shell may have reset the tty.
            _ = reset_prog_mode()
            _ = fw_keypad_on()
            fw_define_extra_keys()
            _ = curs_set(0)
            requestRedraw()
            events.append(.resumed)
        }
        if fw_take_winch() != 0 {
            var rows: Int32 = 0, cols: Int32 = 0
            if fw_query_size(&rows, &cols) == 0, rows > 0, cols > 0, rows != fw_lines() || cols != fw_cols() {
                _ = resizeterm(rows, cols)
            }
            adoptCursesSize()
            Self.append(.resize(size), to: &events)
        }
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again once continued.
    func suspend() {
        _ = endwin()
        fw_tty_restore()
        fw_suspend_self()  // returns after SIGCONT
        _ = fw_take_cont()
        _ = fw_refresh()  // curses re-enters program mode, the alternate screen, keypad and mouse
        requestRedraw()
        fw_set_session_active(1)  // re-arm the crash restore
        var rows: Int32 = 0, cols: Int32 = 0
        if fw_query_size(&rows, &cols) == 0, rows > 0, cols > 0, rows != fw_lines() || cols != fw_cols() {
            _ = resizeterm(rows, cols)
        }
        adoptCursesSize()
    }

    /// Takes the size curses has now, and redraws everything at the next frame if it moved.
    func adoptCursesSize() {
        let now = TerminalSize(width: Int(fw_cols()), height: Int(fw_lines()))
        if now != size { needsFullRedraw = true }
        size = now
    }
}
