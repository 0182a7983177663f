#ifndef CFILEGUARD_H
#define CFILEGUARD_H

/// Temporary files that a terminating signal (SIGTERM, SIGINT, SIGHUP) removes before the
/// process dies of it. The atomic writer creates its temporary file through
/// fw_guard_mkstemp and gets rid of it through fw_guard_rename or fw_guard_unlink; if a
/// signal comes in between, the handler unlinks the path prepared at creation (unlink is
/// async-signal-safe) and the process then dies of the signal (exit status 128 + N).

/// The number of temporary files that can be guarded at once.
#define FW_GUARD_SLOTS 4

/// mkstemp(template) with the file registered, signals blocked meanwhile so that no file is
/// left between its creation and its registration. Installs the handlers on first use, for
/// the signals whose disposition is still the default (an ignored SIGHUP stays ignored, and a
/// terminal session's own handlers, installed first, stay in place). Returns the descriptor
/// (or -1, errno set) and stores the slot in *slot (-1 when the path is too long or all slots
/// are taken: the file is then created but not guarded).
int fw_guard_mkstemp(char *template, int *slot);

/// rename(temporary, target) and the slot (if any, else -1) released, signals blocked meanwhile: the
/// target is then either the old file with no temporary file beside it, or the new one.
/// Returns rename's result (errno set on failure; the slot stays registered).
int fw_guard_rename(int slot, const char *temporary, const char *target);

/// unlink(temporary) and the slot (if any, else -1) released, signals blocked meanwhile.
void fw_guard_unlink(int slot, const char *temporary);

#endif
