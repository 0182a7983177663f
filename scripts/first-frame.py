#!/usr/bin/env python3
"""Start-to-first-frame time of the live dashboard, in a real pseudo-terminal.

    scripts/first-frame.py [RUNS [FLEETWATCH [ARGUMENTS...]]]

Starts FLEETWATCH (default .build/release/fleetwatch) on a 120x40 pty with TERM=xterm-256color,
times from just before exec to the moment the footer has been written (the last row of the
first frame: its key hints, "move", a run-up's progress, "Esc stops here", or the progress of
building a large fleet before it, "building … cars:"), then sends "q"
and waits for the program to exit.
Prints each run and the median, in milliseconds.
"""
import os, pty, select, signal, statistics, struct, sys, time, fcntl, termios

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
binary = sys.argv[2] if len(sys.argv) > 2 else ".build/release/fleetwatch"
args = sys.argv[3:]
if not os.access(binary, os.X_OK):
    sys.exit(f"first-frame: {binary} is not an executable (swift build -c release first)")

def once():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary] + args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.monotonic()
    seen = b""
    elapsed = None
    deadline = start + 20
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"move" in seen or b"Esc stops here" in seen or (b"building " in seen and b" cars: " in seen):
            elapsed = time.monotonic() - start
            break
    os.write(fd, b"q")
    try:
        end = time.monotonic() + 5
        while time.monotonic() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                select.select([fd], [], [], 0.1)
                os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    if elapsed is None:
        sys.exit("first-frame: no frame within 20 s")
    return elapsed * 1000

times = [once() for _ in range(runs)]
for i, t in enumerate(times, 1):
    print(f"run {i}: {t:.0f} ms")
print(f"median start to first frame: {statistics.median(times):.0f} ms ({binary} {' '.join(args)})")
