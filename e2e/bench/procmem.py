"""Owns the reading of what a project leaves running: processes of the host's PID namespace that appeared during
`up -d` and belong to jstack, and their resident memory from /proc/<pid>/smaps_rollup.

Containers' processes live in PID namespaces of their own, so they never count; what counts is jstack's own
(a supervisor, if it leaves one).
"""

import os
import socket
import time


def host_pids():
    """Every pid of this PID namespace that /proc lists now."""
    return {int(name) for name in os.listdir("/proc") if name.isdigit()}


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""


def _same_pid_namespace(pid):
    try:
        return os.readlink("/proc/%d/ns/pid" % pid) == os.readlink("/proc/self/ns/pid")
    except OSError:
        return False


def _belongs_to(pid, project, stack_dir):
    """A process of jstack's for this project: its command line names the project or its stack folder, or it runs
    in that folder. Other jstack processes on the host (other projects) do not count."""
    cmdline = _read("/proc/%d/cmdline" % pid).replace(b"\0", b" ").decode("utf-8", "replace")
    if project in cmdline or stack_dir in cmdline:
        return True
    try:
        return os.readlink("/proc/%d/cwd" % pid) == stack_dir
    except OSError:
        return False


def _supervisor_pid(project):
    """The pid in the project's supervisor pid file (/run/jstack/<project>/supervisor/pid: the pid, then the
    process's start time), or None."""
    fields = _read("/run/jstack/%s/supervisor/pid" % project).split()
    return int(fields[0]) if fields and fields[0].isdigit() else None


def left_running(before, project, stack_dir):
    """The pids that appeared since `before` and are jstack's processes for this project, with its supervisor."""
    pids = {p for p in host_pids() - before if _same_pid_namespace(p) and _belongs_to(p, project, stack_dir)}
    supervisor = _supervisor_pid(project)
    if supervisor is not None and os.path.exists("/proc/%d" % supervisor):
        pids.add(supervisor)
    return sorted(pids)


# After the resting program answers, how long its memory is left to settle (its start-up, its first compilations).
SETTLE_SECONDS = 5


def await_rest(project, limit_seconds):
    """Waits until the project's supervisor runs its resting program (RestingMain) and answers a ping, then lets it
    settle; False when it does not rest in time."""
    deadline = time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        pid = _supervisor_pid(project)
        if pid is not None and b"RestingMain" in _read("/proc/%d/cmdline" % pid) and _pings(project):
            time.sleep(SETTLE_SECONDS)
            return True
        time.sleep(0.2)
    return False


def _pings(project):
    """Whether the project's supervisor answers a ping on its socket."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(10)
            s.connect("/run/jstack/%s/supervisor/sock" % project)
            s.sendall(b"ping\n")
            return s.makefile("rb").readline().startswith(b"ok ")
    except OSError:
        return False


def rollup(pid):
    """(rss_kb, pss_kb) of one process from smaps_rollup; (0, 0) when it is gone."""
    rss = pss = 0
    for line in _read("/proc/%d/smaps_rollup" % pid).decode("ascii", "replace").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "Rss:":
            rss = int(fields[1])
        elif len(fields) >= 2 and fields[0] == "Pss:":
            pss = int(fields[1])
    return rss, pss


def resident_mb(pids):
    """(rss_mb, pss_mb) summed over pids."""
    rss = pss = 0
    for pid in pids:
        r, p = rollup(pid)
        rss += r
        pss += p
    return rss / 1024.0, pss / 1024.0


def describe(pid):
    """'pid: command line' of one process, for the record of what was counted."""
    cmdline = _read("/proc/%d/cmdline" % pid).replace(b"\0", b" ").decode("utf-8", "replace").strip()
    return "%d: %s" % (pid, cmdline[:200])
