import Screen

/// Reassembles the escape sequences curses did not recognise into keys, so that no sequence
/// ever reads as Esc.
///
/// curses turns a key's sequence into a `KEY_*` code only when the terminfo entry (or
/// `define_key`) knows it. Anything else comes back as its bytes, one character at a time:
/// under tmux with `TERM=xterm-256color`, Home arrives as ESC `[` `1` `~` (tmux sends `\e[1~`,
/// xterm's entry says `\eOH`), and was read as Esc followed by three typed characters. All those
/// bytes arrive in one read (curses waits ESCDELAY for them), so they are in one batch of
/// `TerminalSession.nextEvents`; this decoder sees the batch in order. The characters go through
/// Screen's `KeyDecoder` (the one decoder of sequences, which the linear mode's prompt uses
/// too); a key curses decoded, or a mouse event, cuts off a sequence under way. ESC before a
/// character is Esc, then that character (Esc typed just before a key within one frame): the
/// dashboard binds no Alt keys.
///
/// Pure: the same inputs give the same events.
struct EscapeSequenceDecoder {
    private var keys = KeyDecoder()

    /// The events `raw` completes (none while a sequence is open).
    mutating func feed(_ raw: RawInput, size: TerminalSize) -> [InputEvent] {
        if case .character(let c) = raw { return keys.feed(c).map(InputEvent.key) }
        return keys.interrupt().map(InputEvent.key) + (InputDecoder.decode(raw, size: size).map { [$0] } ?? [])
    }

    /// The end of a batch: a lone ESC is the Esc key; a sequence cut off here is dropped.
    mutating func finish() -> [InputEvent] { keys.finish().map(InputEvent.key) }
}
