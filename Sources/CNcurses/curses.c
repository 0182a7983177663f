// Helpers that need C: FILE globals, locale, and writing one grapheme cell.
#define _GNU_SOURCE  // wcwidth
#include "CNcurses.h"
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

SCREEN *fw_newterm(const char *term) {
    return newterm(term, stdout, stdin);
}

static int codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int fw_setup_locale(void) {
    // LC_CTYPE only: the rest (LC_NUMERIC above all) stays "C", so formatted numbers do not
    // depend on the user's locale.
    setlocale(LC_CTYPE, "");
    if (codeset_is_utf8()) return 1;
    // Without a UTF-8 LC_CTYPE every non-ASCII character draws as garbage.
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
    return codeset_is_utf8();
}

static int put(int y, int x, const wchar_t *chars, attr_t attrs, int pair) {
    cchar_t cell;
    // With opts set, ncurses 6 takes the pair from it (beyond the short `pair` argument).
    if (setcchar(&cell, chars, attrs, (short)(pair <= 32767 ? pair : 0), &pair) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

int fw_put_cell(int y, int x, const wchar_t *text, int expected_width, attr_t attrs, int pair) {
    wchar_t chars[CCHARW_MAX + 1];
    int n = 0;
    if (text == NULL || text[0] == 0) {
        chars[n++] = L' ';
    } else {
        chars[n++] = text[0];
        // setcchar takes one spacing character and then only non-spacing ones.
        for (int i = 1; text[i] != 0 && n < CCHARW_MAX; i++) {
            if (wcwidth(text[i]) == 0) chars[n++] = text[i];
        }
    }
    chars[n] = 0;
    int width = wcwidth(chars[0]);
    if (width == expected_width) return put(y, x, chars, attrs, pair);
    // The C library measures this grapheme differently from Screen, or cannot draw it in this
    // locale: keep the columns Screen laid out.
    wchar_t first[2] = { width == 1 ? chars[0] : L'?', 0 };
    int result = put(y, x, first, attrs, pair);
    if (expected_width == 2) {
        wchar_t blank[2] = { L' ', 0 };
        if (put(y, x + 1, blank, attrs, pair) != OK) result = ERR;
    }
    return result;
}

void fw_define_extra_keys(void) {
    // xterm (normal and application mode), VT220, rxvt, screen and tmux encodings.
    static const struct { const char *sequence; int code; } keys[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
        {"\033[4~", KEY_END}, {"\033[8~", KEY_END}, {"\033[F", KEY_END}, {"\033OF", KEY_END},
        {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[2~", KEY_IC}, {"\033[3~", KEY_DC},
        {"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
        {"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
        {"\033[Z", KEY_BTAB},
        {"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
        {"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)}, {"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
        {"\033[15~", KEY_F(5)}, {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)},
        {"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        // 0: the entry has no key for it (a negative value: it is a prefix of one; leave it).
        if (key_defined(keys[i].sequence) == 0) define_key(keys[i].sequence, keys[i].code);
    }
}

int fw_query_size(int *rows, int *cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0) {
        *rows = 0;
        *cols = 0;
        return -1;
    }
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

int fw_write_terminal(const unsigned char *bytes, size_t count) {
    fflush(stdout);  /* curses writes to stdout (newterm); its output goes first */
    size_t written = fwrite(bytes, 1, count, stdout);
    fflush(stdout);
    return written == count ? 0 : -1;
}
