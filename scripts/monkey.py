#!/usr/bin/env python3
"""A seeded monkey test of the live dashboard in a private tmux server.

Starts `fleetwatch --speed 10000` in a 120x40 tmux window, then for SECONDS of wall time sends
random keys (every key of the dashboard but q and Ctrl-C: moves, Enter, Esc, Tab, sort, map,
alerts, pause, step, speed, help, and / with filter text, valid or not, then Enter or Esc),
random window sizes (1x1, 2x2, 20x5 and up to 220x70) and bursts of SIGWINCH. It samples the
process's resident set (VmRSS) and checks that it is alive after every step. At the end it
resizes to 120x40 and checks the screen (the header on the first line, the key line on the
last, no line wider than the window), quits with q, and checks the exit status (0), the tty
modes (`stty -g` as before the start) and the alternate screen (off).

Memory: after WARMUP seconds (default a fifth of the run, at least 5 s and at most 60 s) the
RSS must stay within RATIO times the RSS at the end of warm-up plus SLACK MiB (defaults 1.10
and 8): a bounded program reaches its plateau in the warm-up and stays there.

    scripts/monkey.py --binary .build/release/fleetwatch --seconds 600 --seed 1
Exit status 0 when every check held, 1 otherwise (the failures are printed).
"""
import argparse, os, random, shlex, signal, subprocess, sys, tempfile, time, unicodedata

KEYS = ["Up", "Down", "j", "k", "PageUp", "PageDown", "NPage", "PPage", "Home", "End", "Enter", "Escape",
        "Tab", "BTab", "s", "S", "m", "a", "A", "Space", ".", "+", "-", "?", "Left", "Right", "BSpace",
        "x", "1", "F1", "F5", "DC", "C-u", "M-x", "/", "w", "y"]
FILTERS = ["class:military", "dest:US", "rate>1MB", "region:shanghai", "restricted !state:asleep", "wang",
           "alerts>0", "sev:critical", "crossborder", "zone:none", "up>=200kB", "frob:x", "rate>", "class:",
           "王", "\"", "((", "dest:CN,US", "!", "driver:zhang", "vin:LRW"]
SIZES = [(1, 1), (2, 2), (20, 5), (30, 8), (59, 14), (60, 15), (80, 24), (120, 40), (200, 60), (220, 70)]
HEADER = "FleetWatch │ "
FOOTER = "↑↓ "  # "↑↓ move" on the table, "↑↓ select" on an alert list


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


class Tmux:
    def __init__(self, socket):
        self.socket = socket

    def __call__(self, *args, check=False):
        r = subprocess.run(["timeout", "5", "tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
                           capture_output=True, text=True, env={**os.environ, "LC_CTYPE": "C.UTF-8"})
        if check and r.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {r.stderr.strip()}")
        return r.stdout

    def lines(self):
        return self("capture-pane", "-p").split("\n")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--warmup", type=float)
    p.add_argument("--ratio", type=float, default=1.10)
    p.add_argument("--slack", type=float, default=8, help="MiB")
    # The checkpoints of time travel are a cache that fills to its budget: at the smallest one
    # it is full well within the warm-up, so growth after it is a leak.
    p.add_argument("--args", default="--speed 10000 --rewind-memory 16", help="the dashboard's arguments")
    a = p.parse_args()
    warmup = a.warmup if a.warmup is not None else min(60, max(5, a.seconds / 5))
    rng = random.Random(a.seed)
    socket = f"fw-monkey-{os.getpid()}-{a.seed}"
    tmux = Tmux(socket)
    d = tempfile.mkdtemp(prefix="fw-monkey-")
    # The save-settings key (W) writes the config file: into the run's own directory, never the
    # user's (XDG_CONFIG_HOME points there; the file starts absent, so the built-in settings).
    app = " ".join(["env", "--default-signal", "SWIFT_BACKTRACE=interactive=no", f"XDG_CONFIG_HOME={shlex.quote(d)}/config",
                    shlex.quote(os.path.abspath(a.binary)), a.args])
    # In its own directory: the save key (w) writes the view there, and the directory goes at the end.
    script = (f"cd {d}; stty -g > {d}/before; unset LANG LC_ALL LC_CTYPE; {app} 2> {d}/stderr; echo $? > {d}/status; "
              f"stty -g > {d}/after; echo done > {d}/done; exec sleep 60")
    failures = []
    samples = []
    counts = {"keys": 0, "filters": 0, "resizes": 0, "winch": 0}
    try:
        tmux("new-session", "-d", "-x", "120", "-y", "40", "sh", "-c", script, check=True)
        if not wait_for(lambda: any(l.startswith(HEADER) for l in tmux.lines()), 20):
            raise RuntimeError("no first frame:\n" + "\n".join(tmux.lines()))
        pane = tmux("display-message", "-p", "#{pane_pid}").strip()
        pid = int(subprocess.run(["pgrep", "-P", pane], capture_output=True, text=True).stdout.split()[0])
        start = time.monotonic()
        samples.append((0.0, rss_kib(pid)))
        last_sample = start
        while time.monotonic() - start < a.seconds:
            r = rng.random()
            if r < 0.55:
                tmux("send-keys", rng.choice(KEYS))
                counts["keys"] += 1
            elif r < 0.67:
                tmux("send-keys", "/")
                tmux("send-keys", "C-u")
                tmux("send-keys", "-l", rng.choice(FILTERS))
                tmux("send-keys", rng.choice(["Enter", "Enter", "Escape", "BSpace"]))
                counts["filters"] += 1
            elif r < 0.85:
                w, h = rng.choice(SIZES) if rng.random() < 0.7 else (rng.randint(1, 220), rng.randint(1, 70))
                tmux("resize-window", "-x", str(w), "-y", str(h))
                counts["resizes"] += 1
            else:
                for _ in range(rng.randint(10, 200)):
                    try:
                        os.kill(pid, signal.SIGWINCH)
                    except ProcessLookupError:
                        break
                counts["winch"] += 1
            time.sleep(rng.choice([0, 0.005, 0.02, 0.05, 0.1]))
            if not alive(pid):
                failures.append(f"fleetwatch died {time.monotonic() - start:.1f} s in; status "
                                f"{open(os.path.join(d, 'status')).read().strip() if os.path.exists(os.path.join(d, 'status')) else '-'}")
                break
            now = time.monotonic()
            if now - last_sample >= 1:
                samples.append((now - start, rss_kib(pid)))
                last_sample = now
        if not failures:
            samples.append((time.monotonic() - start, rss_kib(pid)))
            # Back to a known state: the filter bar, the help, the detail closed; 120x40.
            tmux("resize-window", "-x", "120", "-y", "40")
            for key in ["Escape", "Escape", "Escape"]:
                tmux("send-keys", key)
                time.sleep(0.15)
            good = wait_for(lambda: (lambda ls: ls if len(ls) >= 40 and ls[0].startswith(HEADER) and ls[39].startswith(FOOTER)
                                     and all(width(l) <= 120 for l in ls) else None)(tmux.lines()), 5)
            if not good:
                failures.append("after resizing to 120x40 the screen is not the dashboard's:\n" + "\n".join(tmux.lines()))
            tmux("send-keys", "q")
            if not wait_for(lambda: os.path.exists(os.path.join(d, "done")), 10):
                failures.append("fleetwatch did not quit on q:\n" + "\n".join(tmux.lines()))
            else:
                status = open(os.path.join(d, "status")).read().strip()
                before, after = (open(os.path.join(d, n)).read().strip() for n in ("before", "after"))
                if status != "0":
                    failures.append(f"exit status {status} after q")
                if before != after:
                    failures.append(f"tty modes not restored: stty -g {before} before, {after} after")
                if tmux("display-message", "-p", "#{alternate_on}").strip() != "0":
                    failures.append("the alternate screen is still on")
        stderr = open(os.path.join(d, "stderr")).read() if os.path.exists(os.path.join(d, "stderr")) else ""
        if stderr.strip():
            failures.append("standard error: " + stderr.strip()[:2000])
    except Exception as e:  # a harness step failed: report it as a failure
        failures.append(str(e))
    finally:
        tmux("kill-server")
        subprocess.run(["rm", "-rf", d])

    known = [(t, k) for t, k in samples if k is not None]
    if known:
        mid = known[len(known) // 2]
        plateau = [k for t, k in known if t <= warmup][-1:] or [known[0][1]]
        after = [k for t, k in known if t > warmup]
        peak = max(after) if after else plateau[0]
        limit = plateau[0] * a.ratio + a.slack * 1024
        print(f"seed {a.seed}, {a.seconds:.0f} s: {counts['keys']} keys, {counts['filters']} filters, "
              f"{counts['resizes']} resizes, {counts['winch']} SIGWINCH bursts")
        print(f"RSS start {known[0][1] / 1024:.1f} MiB (t={known[0][0]:.0f} s), middle {mid[1] / 1024:.1f} MiB "
              f"(t={mid[0]:.0f} s), end {known[-1][1] / 1024:.1f} MiB (t={known[-1][0]:.0f} s); after warm-up "
              f"({warmup:.0f} s, {plateau[0] / 1024:.1f} MiB) peak {peak / 1024:.1f} MiB, bound {limit / 1024:.1f} MiB "
              f"({a.ratio:.2f}x + {a.slack:.0f} MiB)")
        if peak > limit:
            failures.append(f"RSS grew after warm-up: peak {peak / 1024:.1f} MiB > bound {limit / 1024:.1f} MiB")
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
