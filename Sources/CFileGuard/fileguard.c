// Removal of temporary files on a terminating signal. The handler only unlinks paths
// prepared beforehand, restores the default action and raises the signal again: unlink,
// sigaction, sigprocmask and raise are async-signal-safe.
#include "CFileGuard.h"
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char paths[FW_GUARD_SLOTS][PATH_MAX];
static volatile sig_atomic_t armed[FW_GUARD_SLOTS];
static int installed = 0;

static const int guarded_signals[] = { SIGTERM, SIGINT, SIGHUP };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void on_signal(int sig) {
    for (int i = 0; i < FW_GUARD_SLOTS; i++) {
        if (armed[i]) {
            unlink(paths[i]);
            armed[i] = 0;
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    raise(sig);  // pending until this handler returns and the signal is unblocked
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    _exit(128 + sig);  // not reached: the default action of these signals is to terminate
}

static void install(void) {
    if (installed) return;
    installed = 1;
    for (size_t i = 0; i < COUNT(guarded_signals); i++) {
        struct sigaction old;
        if (sigaction(guarded_signals[i], NULL, &old) != 0) continue;
        if ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        for (size_t j = 0; j < COUNT(guarded_signals); j++) sigaddset(&action.sa_mask, guarded_signals[j]);
        action.sa_flags = SA_RESTART;
        sigaction(guarded_signals[i], &action, NULL);
    }
}

static void block(sigset_t *saved) {
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < COUNT(guarded_signals); i++) sigaddset(&set, guarded_signals[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

static void unblock(const sigset_t *saved) {
    int saved_errno = errno;
    sigprocmask(SIG_SETMASK, saved, NULL);
    errno = saved_errno;
}

int fw_guard_mkstemp(char *template, int *slot) {
    install();
    sigset_t saved;
    block(&saved);
    *slot = -1;
    int fd = mkstemp(template);
    if (fd >= 0 && strlen(template) < PATH_MAX) {
        for (int i = 0; i < FW_GUARD_SLOTS; i++) {
            if (!armed[i]) {
                memcpy(paths[i], template, strlen(template) + 1);
                armed[i] = 1;
                *slot = i;
                break;
            }
        }
    }
    unblock(&saved);
    return fd;
}

int fw_guard_rename(int slot, const char *temporary, const char *target) {
    sigset_t saved;
    block(&saved);
    int result = rename(temporary, target);
    if (result == 0 && slot >= 0) armed[slot] = 0;
    unblock(&saved);
    return result;
}

void fw_guard_unlink(int slot, const char *temporary) {
    sigset_t saved;
    block(&saved);
    unlink(temporary);
    if (slot >= 0) armed[slot] = 0;
    unblock(&saved);
}
