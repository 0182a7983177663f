// The only C the project has: ncursesw made importable into Swift 6, and the signal handling
// that must not be written in Swift (handlers may only touch sig_atomic_t flags and
// async-signal-safe calls). See shared/NCURSES-NOTES.md for why each piece is here.
#ifndef FLEETWATCH_CNCURSES_H
#define FLEETWATCH_CNCURSES_H

// SwiftPM refuses pkg-config's -D_XOPEN_SOURCE; without a define curses.h hides cchar_t,
// setcchar, add_wch and get_wch.
#define NCURSES_WIDECHAR 1
#include <ncurses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>

// MARK: Globals Swift 6 refuses to read ("not concurrency-safe")

static inline WINDOW *fw_stdscr(void) { return stdscr; }
static inline int fw_lines(void) { return LINES; }
static inline int fw_cols(void) { return COLS; }
static inline int fw_colors(void) { return COLORS; }
static inline int fw_color_pairs(void) { return COLOR_PAIRS; }

// MARK: Macros Swift cannot import

static inline attr_t fw_attr_normal(void) { return A_NORMAL; }
static inline attr_t fw_attr_bold(void) { return A_BOLD; }
static inline attr_t fw_attr_dim(void) { return A_DIM; }
static inline attr_t fw_attr_italic(void) { return A_ITALIC; }
static inline attr_t fw_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t fw_attr_reverse(void) { return A_REVERSE; }

/// KEY_F(n) is KEY_F0 + n.
static inline int fw_key_f0(void) { return KEY_F0; }

static inline mmask_t fw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t fw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t fw_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t fw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t fw_button5_pressed(void) { return BUTTON5_PRESSED; }

static inline int fw_get_wch(wint_t *wch) { return get_wch(wch); }
static inline void fw_timeout(int ms) { timeout(ms); }
static inline int fw_erase(void) { return erase(); }
static inline int fw_refresh(void) { return refresh(); }
/// Writes bytes to the terminal between frames (an OSC 52 copy), after curses' pending output.
int fw_write_terminal(const unsigned char *bytes, size_t count);
static inline int fw_force_repaint(void) { return clearok(curscr, TRUE); }
static inline int fw_keypad_on(void) { return keypad(stdscr, TRUE); }
static inline int fw_intrflush_off(void) { return intrflush(stdscr, FALSE); }

/// Reads the pending mouse event: OK with its cell and button state, or ERR.
static inline int fw_get_mouse(int *x, int *y, mmask_t *bstate) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *bstate = event.bstate;
    return OK;
}

/// Defines colour pair `pair`; extended pairs (beyond 32767, colours beyond 255) when the
/// library has them.
static inline int fw_init_pair(int pair, int fg, int bg) {
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

// MARK: Implemented in CNcurses.c

/// newterm on the process's stdout/stdin (FILE globals Swift cannot read); NULL on failure.
SCREEN *fw_newterm(const char *term);

/// Makes LC_CTYPE (only) a UTF-8 locale: the environment's when its codeset is UTF-8, otherwise
/// C.UTF-8 (this machine has no LANG). Returns 1 when the codeset is UTF-8 afterwards.
int fw_setup_locale(void);

/// Writes one grapheme (a spacing character and up to four combining ones) at (y, x) with
/// `attrs` and colour pair `pair`. When the C library's wcwidth disagrees with
/// `expected_width`, writes a replacement of the expected width, so columns never shift.
int fw_put_cell(int y, int x, const wchar_t *text, int expected_width, attr_t attrs, int pair);

/// Teaches curses the sequences terminals and multiplexers send for Home, End, PgUp, PgDn,
/// Insert, Delete, the arrows and F1-F12 that the terminfo entry may not list (tmux sends Home as
/// \e[1~, xterm's entry says \eOH), each only where the entry defines nothing for it. Then a
/// sequence split across reads is still one key. Call after keypad().
void fw_define_extra_keys(void);

/// The size of the terminal on stdout from the kernel (TIOCGWINSZ); 0 when unknown.
int fw_query_size(int *rows, int *cols);

// MARK: Signals, tty restore and stderr capture (CNcurses.c)

/// Saves the tty modes of `fd` (before newterm) for every later restore; modes a killed
/// full-screen program left (no ICANON, no ECHO) are saved as `stty sane` would set them.
int fw_tty_save(int fd);
/// Puts back the modes fw_tty_save took.
void fw_tty_restore(void);

/// Installs the handlers (INT, TERM, HUP unless ignored; WINCH, TSTP, CONT; SEGV, BUS, ILL,
/// ABRT, FPE, TRAP), saving the previous ones, and unblocks these signals on this thread.
/// Must run before newterm, or ncurses installs its own handlers that _exit(1).
int fw_signals_install(void);
/// Puts the previous handlers and signal mask back.
void fw_signals_restore(void);

/// The first terminating signal (SIGINT, SIGTERM, SIGHUP) received and not yet taken, or 0.
int fw_take_quit_signal(void);
/// 1 when SIGWINCH, SIGTSTP or SIGCONT arrived since the last call (each its own flag).
int fw_take_winch(void);
int fw_take_tstp(void);
int fw_take_cont(void);

/// Builds the bytes that leave the terminal usable (mouse off, sgr0, cnorm, rmkx, rmcup) from
/// terminfo, for the crash path that cannot call ncurses. Call after newterm.
void fw_prepare_emergency_restore(void);
/// Arms or disarms the crash-time restore; also marks whether a session is running.
void fw_set_session_active(int active);
int fw_session_is_active(void);

/// Sends stderr to an unlinked temporary file until fw_stderr_capture_end, which puts stderr
/// back and, when `replay` is set, copies what was written to it.
int fw_stderr_capture_begin(void);
void fw_stderr_capture_end(int replay);

/// Stops the process the way SIGTSTP's default would, returning after SIGCONT.
void fw_suspend_self(void);
/// Dies of `sig` with its default action (for an exit status that says which signal).
void fw_die_of_signal(int sig);

#endif
