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
