"""Owns one benchmark run: generates the stacks, times jstack's commands and the runc floor, measures what stays
resident, prints the table and writes the JSON. Everything it makes is removed on success, error or Ctrl-C.

Usage: e2e/bench/run [--sizes 10,50,100,200] [--runs 3] [--shapes joined,none,host] [--out FILE]
"""

import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time

import floor
import procmem
import report

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JSTACK = os.path.join(REPO, "jstack")
RUNC = "runc"
SHAPES = {
    # name: (network_mode of the first service, network_mode of the others)
    "joined": ("none", "service:s000"),
    "none": ("none", "none"),
    "host": ("host", "host"),
}


def stack_text(shape, n):
    """The stack file of a shape: n services on the host's root running sleep, SIGKILL as the floor uses."""
    first, others = SHAPES[shape]
    lines = ["services:"]
    for i in range(n):
        mode = first if i == 0 else others
        lines += ["  s%03d:" % i,
                  "    rootfs: host",
                  '    network_mode: "%s"' % mode,
                  '    command: ["sleep", "infinity"]',
                  "    stop_signal: SIGKILL"]
    return "\n".join(lines) + "\n"


class Project:
    """One generated stack under a temporary folder, run with the repository's ./jstack launcher."""

    def __init__(self, workdir, shape, n):
        self.name = "bench-%s-%d" % (shape, n)
        self.dir = os.path.join(workdir, self.name)
        os.makedirs(self.dir)
        self.file = os.path.join(self.dir, "stack.yml")
        with open(self.file, "w") as f:
            f.write(stack_text(shape, n))

    def timed(self, *args):
        """Seconds that `jstack -p NAME -f FILE ARGS` took; fails with its output when it fails."""
        started = time.monotonic()
        result = subprocess.run([JSTACK, "-p", self.name, "-f", self.file] + list(args), cwd=self.dir,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        elapsed = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError("jstack %s failed (%d):\n%s" % (" ".join(args), result.returncode,
                                                               result.stdout.decode(errors="replace")[-3000:]))
        return elapsed

    def down_quietly(self):
        subprocess.run([JSTACK, "-p", self.name, "-f", self.file, "down"], cwd=self.dir,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sample_config(self):
        """The config.json jstack wrote for s001 (a joiner in the joined shape)."""
        with open("/run/jstack/%s/bundles/%s-s001-1/config.json" % (self.name, self.name)) as f:
            return json.load(f)


def has_plan():
    """Whether this jstack has a `plan` command: its help lists it."""
    help_text = subprocess.run([JSTACK, "--help"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return any(line.split()[:1] == [b"plan"] for line in help_text.splitlines())


# The supervisor rests after 10 quiet seconds by default; what stays resident is measured once it does.
REST_LIMIT_SECONDS = 60


def measure_project(project, runs, plan, log, after_run):
    """Samples of every jstack column for one project: up cold, again, plan, ps, memory awake and at rest, down.
    after_run(i, sample) runs after run i, with the config.json of s001 as this jstack wrote it."""
    samples = {k: [] for k in ("up_cold", "up_again", "plan", "ps", "down", "rss_per_n", "pss_per_n",
                               "pss_awake")}
    n = int(project.name.rsplit("-", 1)[1])
    sample = None
    for i in range(runs):
        before = procmem.host_pids()
        samples["up_cold"].append(project.timed("up", "-d"))
        if sample is None:
            sample = project.sample_config()
        samples["up_again"].append(project.timed("up", "-d"))
        samples["plan"].append(project.timed("plan") if plan else None)
        samples["ps"].append(project.timed("ps"))
        left = procmem.left_running(before, project.name, project.dir)
        samples["pss_awake"].append(procmem.resident_mb(left)[1])
        if not procmem.await_rest(project.name, REST_LIMIT_SECONDS):
            log("  the supervisor did not rest within %d s: its memory awake is counted" % REST_LIMIT_SECONDS)
        left = procmem.left_running(before, project.name, project.dir)
        rss, pss = procmem.resident_mb(left)
        samples.setdefault("left_running", []).append([procmem.describe(p) for p in left])
        samples["rss_per_n"].append(rss / n)
        samples["pss_per_n"].append(pss / n)
        samples["down"].append(project.timed("down"))
        log("  run %d: %s" % (i + 1, ", ".join("%s=%s" % (k, fmt(v[-1])) for k, v in samples.items()
                                                if k != "left_running")))
        for line in samples["left_running"][-1]:
            log("    left running: " + line)
        after_run(i, sample)
    return samples


def measure_shape(workdir, project, shape, n, runs, plan, log):
    """jstack's runs and the floor's, taken in turns (jstack, floor, jstack, ...), so that a machine that speeds up
    or slows down during the measurement weighs on both alike."""
    samples = {"floor_up": [], "floor_down": []}
    fl = floor.Floor(RUNC, os.path.join(workdir, "floor-" + project.name), "jstack-bench-floor")

    def floor_run(i, sample):
        if i == 0:
            fl.prepare(sample, n, joined=(shape == "joined"))
        samples["floor_up"].append(fl.up())
        samples["floor_down"].append(fl.down())
        log("  floor run %d: up=%.2f down=%.2f" % (i + 1, samples["floor_up"][-1], samples["floor_down"][-1]))

    try:
        samples.update(measure_project(project, runs, plan, log, floor_run))
    finally:
        fl.cleanup()
    return samples


def fmt(v):
    return "n/a" if v is None else "%.2f" % v


def version_seconds(runs):
    samples = []
    for _ in range(max(runs, 5)):
        started = time.monotonic()
        subprocess.run([JSTACK, "version"], stdout=subprocess.DEVNULL, check=True)
        samples.append(time.monotonic() - started)
    return samples


def machine():
    def out(argv):
        try:
            return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout.decode().strip()
        except OSError as e:
            return str(e)
    return {"nproc": os.cpu_count(), "kernel": platform.release(), "runc": out([RUNC, "--version"]).splitlines()[0],
            "java": out(["java", "-version"]).splitlines()[0],
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "loadavg": open("/proc/loadavg").read().split()[:3]}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="e2e/bench/run", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10,50,100,200", help="numbers of services (default 10,50,100,200)")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; the table shows medians")
    p.add_argument("--shapes", default="joined,none,host", help="joined, none, host")
    p.add_argument("--out", default=os.path.join(REPO, "e2e/bench/results.json"), help="JSON output file")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    if os.geteuid() != 0:
        print("e2e/bench/run: must run as root (it starts containers)", file=sys.stderr)
        return 3
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    log = lambda line: print(line, file=sys.stderr, flush=True)
    subprocess.run([JSTACK, "version"], stdout=subprocess.DEVNULL, check=True)  # builds the jar when stale
    plan = has_plan()
    rows, projects = [], []
    workdir = tempfile.mkdtemp(prefix="jstack-bench-")
    try:
        versions = version_seconds(args.runs)
        for n in [int(s) for s in args.sizes.split(",")]:
            for shape in args.shapes.split(","):
                log("%s N=%d" % (shape, n))
                project = Project(workdir, shape, n)
                projects.append(project)
                samples = measure_shape(workdir, project, shape, n, args.runs, plan, log)
                row = {"shape": shape, "n": n}
                row.update({k: report.median(v) for k, v in samples.items() if k != "left_running"})
                row["samples"] = samples
                rows.append(row)
    except KeyboardInterrupt:
        log("interrupted: cleaning up")
        return 130
    finally:
        for p in projects:
            p.down_quietly()
        subprocess.run(["rm", "-rf", "--one-file-system", workdir])
    version = report.median(versions)
    print(report.table(rows))
    print("jstack version: %.2f s (median of %d)" % (version, len(versions)))
    for line in report.verdicts(rows, version):
        print(line)
    result = {"machine": machine(), "runs": args.runs, "command": "e2e/bench/run " + " ".join(argv),
              "version": {"median": version, "samples": versions}, "plan_available": plan, "rows": rows}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    print("wrote " + args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
