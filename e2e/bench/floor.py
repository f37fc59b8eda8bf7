"""Owns the floor: the same N containers started and removed with runc's own CLI, 2 at a time, from bundles
prepared beforehand.

The bundles are jstack's own config.json (captured while the stack ran) with only what belongs to jstack's
directories replaced: the read-only root is one bind of the host's root shared by all, the /etc files are
copies, the cgroup is the floor's. A joined shape joins one pin made beforehand with `ip netns add`; an
independent `none` shape lets runc make each network namespace itself, the cheapest way a runtime has.
"""

import copy
import json
import os
import shutil
import subprocess
import time

PIN = "jstack-bench-floor"
PARALLEL = "2"


class Floor:
    """Prepared bundles for one shape and size, under workdir; cleanup() removes everything it made."""

    def __init__(self, runc, workdir, prefix):
        self.runc = runc
        self.workdir = workdir
        self.prefix = prefix
        self.rootfs = os.path.join(workdir, "rootfs")
        self.ids = []
        self.mounted = False
        self.pinned = False
        self.joined = False

    def prepare(self, sample_config, n, joined):
        """Writes n bundles derived from sample_config (a dict) for containers prefix-000 ... ."""
        self.joined = joined
        os.makedirs(self.rootfs, exist_ok=True)
        etc = os.path.join(self.workdir, "etc")
        os.makedirs(etc, exist_ok=True)
        for name in ("hostname", "hosts", "resolv.conf"):
            shutil.copyfile("/etc/" + name, os.path.join(etc, name))
        for i in range(n):
            cid = "%s-%03d" % (self.prefix, i)
            bundle = os.path.join(self.workdir, "bundles", cid)
            os.makedirs(bundle)
            with open(os.path.join(bundle, "config.json"), "w") as f:
                json.dump(self._config(sample_config, cid, etc, joined), f)
            self.ids.append(cid)

    def _config(self, sample, cid, etc, joined):
        config = copy.deepcopy(sample)
        config["root"] = {"path": self.rootfs, "readonly": True}
        config.pop("annotations", None)
        for m in config.get("mounts", []):
            if m["destination"] in ("/etc/hostname", "/etc/hosts", "/etc/resolv.conf"):
                m["source"] = os.path.join(etc, os.path.basename(m["destination"]))
        linux = config.setdefault("linux", {})
        linux["cgroupsPath"] = "/" + cid
        for ns in linux.get("namespaces", []):
            if ns["type"] == "network":
                ns.pop("path", None)
                if joined:
                    ns["path"] = "/run/netns/" + PIN
        return config

    def up(self):
        """Seconds to `runc run -d` every container, 2 in parallel; the shared root (and the joined shape's pin)
        are made before, untimed."""
        self._attach()
        return self._xargs(["run", "-d", "--bundle", os.path.join(self.workdir, "bundles", "{}"), "{}"])

    def down(self):
        """Seconds to kill every container (`runc kill ID KILL`), then delete every one (`runc delete --force`),
        each pass 2 in parallel; the shared root and pin are removed after, untimed. That is the fastest way runc's
        CLI has: `runc delete --force` of a container that still runs kills it and takes about 100 ms more to find it
        gone (runc 1.1.5, 100 containers: 5.2 s, against 0.27 s for the kills and then the deletes); once killed,
        the containers have usually stopped by the time their delete comes. A kill that fails (a container that
        has stopped by itself is not running) is no failure of the floor: its delete removes it all the same."""
        elapsed = self._xargs(["kill", "{}", "KILL"], tolerate_failed_calls=True)
        elapsed += self._xargs(["delete", "--force", "{}"])
        self._detach()
        return elapsed

    # The shared root exists only while the floor runs: jstack's runs come in between, and its own shared root
    # (a recursive bind of the host's root) would otherwise copy the floor's mounts into every container.
    # Each flag is set before its command: an interrupt in the middle of one must still leave it to cleanup().
    def _attach(self):
        self.mounted = True
        run(["mount", "--rbind", "/", self.rootfs])
        run(["mount", "--make-rprivate", self.rootfs])
        run(["mount", "-o", "remount,bind,ro", self.rootfs])
        if self.joined:
            self.pinned = True
            run(["ip", "netns", "add", PIN])
            run(["ip", "-n", PIN, "link", "set", "lo", "up"])

    def _detach(self):
        if self.pinned:
            run(["ip", "netns", "delete", PIN])
            self.pinned = False
        if self.mounted:
            run(["umount", "-l", self.rootfs])
            self.mounted = False

    def _xargs(self, runc_args, tolerate_failed_calls=False):
        # Output goes to a file, never a pipe: a container inherits runc's stdio and would hold a pipe open.
        # xargs exits with 123 when a call failed and went on with the others.
        log = os.path.join(self.workdir, "runc.log")
        with open(os.devnull, "rb+") as null, open(log, "ab") as err:
            started = time.monotonic()
            code = subprocess.run(["xargs", "-P", PARALLEL, "-I{}", self.runc] + runc_args,
                                  input="\n".join(self.ids).encode() + b"\n", stdout=null, stderr=err).returncode
            elapsed = time.monotonic() - started
        if code != 0 and not (tolerate_failed_calls and code == 123):
            with open(log, errors="replace") as f:
                raise RuntimeError("runc %s failed: %s" % (runc_args[0], f.read()[-2000:]))
        return elapsed

    def cleanup(self):
        """Unmounts the floor's root, deletes its containers and pin, then its files; quiet about what is already
        gone. Its files are removed only when nothing is mounted below them: the root is a recursive bind of `/`."""
        if self.mounted or mounted_below(self.workdir):
            subprocess.run(["umount", "-l", self.rootfs], stderr=subprocess.DEVNULL)
            self.mounted = False
        for cid in self.ids:
            subprocess.run([self.runc, "delete", "--force", cid], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if self.pinned or os.path.exists("/run/netns/" + PIN):
            subprocess.run(["ip", "netns", "delete", PIN], stderr=subprocess.DEVNULL)
            self.pinned = False
        left = mounted_below(self.workdir)
        if left:
            raise RuntimeError("still mounted below %s, left in place: %s" % (self.workdir, ", ".join(left)))
        shutil.rmtree(self.workdir, ignore_errors=True)


def mounted_below(directory):
    """The mount points at or below directory, as /proc/self/mountinfo names them."""
    prefix = os.path.realpath(directory)
    with open("/proc/self/mountinfo") as f:
        points = [line.split()[4] for line in f]
    return [p for p in points if p == prefix or p.startswith(prefix + "/")]


def run(argv):
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
