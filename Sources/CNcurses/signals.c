// Signal handling, tty restore and stderr capture. Handlers only set sig_atomic_t flags or,
// on a crash, use async-signal-safe calls (tcsetattr, write, dup2, read, lseek, sigaction,
// raise) on state prepared beforehand.
#define _GNU_SOURCE
#include "CNcurses.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t winch_pending = 0;
static volatile sig_atomic_t tstp_pending = 0;
static volatile sig_atomic_t cont_pending = 0;
static volatile sig_atomic_t session_active = 0;
static volatile sig_atomic_t restored = 0;

static int tty_fd = -1;
static struct termios saved_termios;
static int termios_saved = 0;

static char exit_sequence[512];
static size_t exit_sequence_length = 0;

static int saved_stderr = -1;
static int capture_fd = -1;

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int flag_signals[] = { SIGWINCH, SIGTSTP, SIGCONT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct sigaction previous[NSIG];
static int installed[NSIG];
static sigset_t previous_mask;
static int handlers_installed = 0;

static char *alt_stack = NULL;

// MARK: tty

/// A terminal with line editing and echo both off at start was left so by a full-screen program
/// that could not restore it (`kill -9`): no shell runs a command that way. Its modes are
/// taken back to what `stty sane` sets for the flags curses changes, so quitting gives a usable
/// terminal.
static void sane_if_left_by_a_killed_program(struct termios *t) {
    if ((t->c_lflag & ICANON) || (t->c_lflag & ECHO)) return;
    // Only what curses changes (cbreak/raw, noecho, nonl, noqiflush), so a terminal's own choices stay.
    t->c_lflag |= ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE;
    t->c_lflag &= ~(ECHONL | NOFLSH);
    t->c_iflag |= ICRNL | IXON;
    t->c_iflag &= ~(INLCR | IGNCR);
    t->c_oflag |= OPOST | ONLCR;
}

int fw_tty_save(int fd) {
    if (tcgetattr(fd, &saved_termios) != 0) return -1;
    sane_if_left_by_a_killed_program(&saved_termios);
    tty_fd = fd;
    termios_saved = 1;
    return 0;
}

void fw_tty_restore(void) {
    if (termios_saved) tcsetattr(tty_fd, TCSANOW, &saved_termios);
}

// MARK: stderr capture

int fw_stderr_capture_begin(void) {
    if (capture_fd >= 0) return 0;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/fleetwatch-stderr-XXXXXX", dir != NULL && dir[0] != 0 ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    unlink(path);
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        close(fd);
        return -1;
    }
    saved_stderr = saved;
    capture_fd = fd;
    return 0;
}

/// Async-signal-safe: used by the crash handler too.
static void capture_end(int replay) {
    if (capture_fd < 0) return;
    int fd = capture_fd;
    capture_fd = -1;
    dup2(saved_stderr, STDERR_FILENO);
    close(saved_stderr);
    saved_stderr = -1;
    if (replay && lseek(fd, 0, SEEK_SET) == 0) {
        char chunk[4096];
        ssize_t n;
        while ((n = read(fd, chunk, sizeof chunk)) > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = write(STDERR_FILENO, chunk + off, (size_t)(n - off));
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) break;
                off += w;
            }
            if (off < n) break;
        }
    }
    close(fd);
}

void fw_stderr_capture_end(int replay) { capture_end(replay); }

// MARK: emergency restore

static void append(const char *s) {
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (exit_sequence_length + n >= sizeof exit_sequence) return;
    memcpy(exit_sequence + exit_sequence_length, s, n);
    exit_sequence_length += n;
}

void fw_prepare_emergency_restore(void) {
    exit_sequence_length = 0;
    char *kmous = tigetstr("kmous");
    if (kmous != NULL && kmous != (char *)-1) {
        append("\033[?1000l\033[?1002l\033[?1003l\033[?1005l\033[?1006l");  // xterm mouse modes off
    }
    append(tigetstr("sgr0"));
    append(tigetstr("cnorm"));
    append(tigetstr("rmkx"));
    append(tigetstr("rmcup"));
}

void fw_set_session_active(int active) {
    restored = 0;
    session_active = active;
}

int fw_session_is_active(void) { return session_active; }

/// Leaves the terminal as the shell wants it and replays stderr; once, and only while a
/// session is active.
static void emergency_restore(void) {
    if (!session_active || restored) return;
    restored = 1;
    size_t off = 0;
    while (off < exit_sequence_length) {
        ssize_t w = write(STDOUT_FILENO, exit_sequence + off, exit_sequence_length - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        off += (size_t)w;
    }
    fw_tty_restore();
    capture_end(1);
}

// MARK: handlers

static void on_quit(int sig) {
    if (quit_signal != 0) {
        // A second terminating signal before the loop took the first: the app is stuck.
        emergency_restore();
        fw_die_of_signal(sig);
        return;
    }
    quit_signal = sig;
}

static void on_flag(int sig) {
    if (sig == SIGWINCH) winch_pending = 1;
    else if (sig == SIGTSTP) tstp_pending = 1;
    else if (sig == SIGCONT) cont_pending = 1;
}

static void on_crash(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    emergency_restore();
    // Hand the signal to whoever had it before (the Swift backtracer, or the default action).
    sigaction(sig, &previous[sig], NULL);
    installed[sig] = 0;
    int fault = info != NULL && info->si_code > 0
        && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE);
    // A hardware fault re-executes the instruction on return and faults again, with its
    // original address; anything else is raised again (delivered once this handler returns).
    if (!fault) raise(sig);
    errno = saved_errno;
}

static int install(int sig, void (*handler)(int), int skip_if_ignored) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return -1;
    if (skip_if_ignored && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(sig, &action, &previous[sig]) != 0) return -1;
    installed[sig] = 1;
    return 0;
}

static int install_crash(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaction(sig, &action, &previous[sig]) != 0) return -1;
    installed[sig] = 1;
    return 0;
}

static void ensure_alt_stack(void) {
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
    size_t size = 64 * 1024;
    if (alt_stack == NULL) alt_stack = malloc(size);
    if (alt_stack == NULL) return;
    stack_t stack = { .ss_sp = alt_stack, .ss_size = size, .ss_flags = 0 };
    sigaltstack(&stack, NULL);  // a stack overflow can then still restore the terminal
}

int fw_signals_install(void) {
    if (handlers_installed) return 0;
    quit_signal = 0;
    winch_pending = tstp_pending = cont_pending = 0;
    int result = 0;
    for (size_t i = 0; i < COUNT(quit_signals); i++)
        if (install(quit_signals[i], on_quit, 1) != 0) result = -1;
    for (size_t i = 0; i < COUNT(flag_signals); i++)
        if (install(flag_signals[i], on_flag, 0) != 0) result = -1;
    ensure_alt_stack();
    for (size_t i = 0; i < COUNT(crash_signals); i++)
        if (install_crash(crash_signals[i]) != 0) result = -1;
    // Children of `swift test` inherit an almost fully blocked mask: without this the app
    // never sees SIGWINCH or SIGTERM.
    sigset_t wanted;
    sigemptyset(&wanted);
    for (size_t i = 0; i < COUNT(quit_signals); i++) sigaddset(&wanted, quit_signals[i]);
    for (size_t i = 0; i < COUNT(flag_signals); i++) sigaddset(&wanted, flag_signals[i]);
    for (size_t i = 0; i < COUNT(crash_signals); i++) sigaddset(&wanted, crash_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &wanted, &previous_mask);
    handlers_installed = 1;
    return result;
}

void fw_signals_restore(void) {
    if (!handlers_installed) return;
    for (int sig = 1; sig < NSIG; sig++) {
        if (installed[sig]) {
            sigaction(sig, &previous[sig], NULL);
            installed[sig] = 0;
        }
    }
    pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
    handlers_installed = 0;
}

int fw_take_quit_signal(void) {
    int sig = quit_signal;
    quit_signal = 0;
    return sig;
}

int fw_take_winch(void) { int v = winch_pending; winch_pending = 0; return v; }
int fw_take_tstp(void) { int v = tstp_pending; tstp_pending = 0; return v; }
int fw_take_cont(void) { int v = cont_pending; cont_pending = 0; return v; }

void fw_suspend_self(void) {
    struct sigaction stop, mine;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &mine);
    sigset_t tstp;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, NULL);
    // The default action of SIGTSTP (unlike SIGSTOP) is discarded in an orphaned process
    // group, so a detached process is never stopped with nobody to continue it.
    raise(SIGTSTP);
    sigaction(SIGTSTP, &mine, NULL);
}

void fw_die_of_signal(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);  // only reached when the default action is to ignore
}
