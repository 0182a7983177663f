import CNcurses
import Screen

/// One result of curses' `get_wch`, before decoding.
enum RawInput: Hashable, Sendable {
    /// `get_wch` returned `KEY_CODE_YES` with this `KEY_*` code.
    case keyCode(Int32)
    /// `get_wch` returned `OK` with this wide character.
    case character(UInt32)
    /// `KEY_MOUSE`, with what `getmouse` read (cell and `BUTTON*` state).
    case mouse(x: Int, y: Int, buttons: UInt)
}

/// Turns curses input into `InputEvent`s. Pure: the current size is passed in for
/// `KEY_RESIZE`, and mouse state arrives already read.
enum InputDecoder {
    static func decode(_ raw: RawInput, size: TerminalSize) -> InputEvent? {
        switch raw {
        case .keyCode(let code): return decodeKeyCode(code, size: size)
        case .character(let value): return decodeCharacter(value).map(InputEvent.key)
        case .mouse(let x, let y, let buttons): return decodeMouse(x: x, y: y, buttons: buttons).map(InputEvent.mouse)
        }
    }

    static func decodeKeyCode(_ code: Int32, size: TerminalSize) -> InputEvent? {
        let f0 = fw_key_f0()
        if code > f0 && code <= f0 + 12 { return .key(.function(Int(code - f0))) }
        let key: Key
        switch code {
        case KEY_UP: key = .up
        case KEY_DOWN: key = .down
        case KEY_LEFT: key = .left
        case KEY_RIGHT: key = .right
        case KEY_PPAGE: key = .pageUp
        case KEY_NPAGE: key = .pageDown
        case KEY_HOME: key = .home
        case KEY_END: key = .end
        case KEY_ENTER: key = .enter
        case KEY_BTAB: key = .backTab
        case KEY_BACKSPACE: key = .backspace
        case KEY_DC: key = .delete
        case KEY_IC: key = .insert
        case KEY_RESIZE: return .resize(size)
        default: return nil  // KEY_MOUSE comes as .mouse; other keys have no meaning here
        }
        return .key(key)
    }

    /// A character curses read: Screen's `KeyDecoder.key(typed:)` (Enter is CR under `nonl()`).
    static func decodeCharacter(_ value: UInt32) -> Key? { KeyDecoder.key(typed: value) }

    static func decodeMouse(x: Int, y: Int, buttons: UInt) -> MouseEvent? {
        func has(_ mask: mmask_t) -> Bool { buttons & UInt(mask) != 0 }
        let x = max(0, x), y = max(0, y)
        if has(fw_button4_pressed()) { return .wheelUp(x: x, y: y) }
        if has(fw_button5_pressed()) { return .wheelDown(x: x, y: y) }
        if has(fw_button1_pressed()) || has(fw_button1_clicked()) { return .click(x: x, y: y) }
        return nil  // releases and motion
    }
}
