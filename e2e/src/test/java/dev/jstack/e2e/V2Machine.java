package dev.jstack.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Boots the cgroup v2 VM of e2e/vm (a Debian kernel under qemu, cgroup2 only, the host's root over 9p) and reads
 * what its guest script found, from the serial console: one {@code jstack-vm: key=value} line per finding.
 */
final class V2Machine {
    /** The VM's own limit (e2e/vm/run kills qemu after it); measured runs take well under half of it. */
    private static final int VM_TIMEOUT_SECONDS = 480;
    /** e2e/vm/run's exit when the emulated kernel locked up, which is the emulator's fault and not jstack's. */
    private static final int LOCKED_UP = 125;
    private static final String PREFIX = "jstack-vm: ";
    private static final String QEMU_FIX = "apt-get install -y --no-install-recommends qemu-system-x86";

    private V2Machine() {
    }

    /** What the guest printed: its findings by key, and the whole console for failure messages. */
    record Findings(Map<String, String> values, String console) {
        /** The value of a finding; fails with the console when the guest never printed it. */
        String get(String key) {
            String value = values.get(key);
            if (value == null) {
                throw new AssertionError("the VM printed no " + key + "; its console:\n" + console);
            }
            return value;
        }
    }

    /** Boots the VM and returns its findings; fails, saying what to install or run, when it cannot boot. */
    static Findings boot() {
        if (!onPath("qemu-system-x86_64")) {
            throw new AssertionError("the cgroup v2 test needs qemu-system-x86_64: " + QEMU_FIX);
        }
        // The guest runs ./jstack on an overlay of this host's root: the jar and its class data archive are made
        // here first, so that the guest never builds them (a Maven build under TCG would take many minutes).
        Shell.run(Jstack.launcher().toString(), "version").expectOk();
        Path log = Jstack.repository().resolve("e2e/target/cgroup-v2-console.log");
        Shell.Result run = boot(log);
        String console = read(log);
        if (run.exitCode() == LOCKED_UP) {
            // Once, and said: a second lock-up fails the test with both consoles.
            System.err.println("CgroupV2Test: the VM's kernel locked up, so it boots once more; its console:\n"
                    + console);
            String first = console;
            run = boot(log);
            console = read(log) + "\n(the console of the first boot, which locked up:)\n" + first;
        }
        if (run.exitCode() != 0) {
            throw new AssertionError("e2e/vm/run failed with exit " + run.exitCode() + " (124: the VM timed out;"
                    + " 125: its kernel locked up; for the kernel, run e2e/vm/prepare, which needs apt-get and"
                    + " Debian's archive)\nstderr:\n" + run.err() + "\nconsole:\n" + console);
        }
        Findings findings = new Findings(parse(console), console);
        findings.get("done");
        return findings;
    }

    /** The {@code key=value} lines of the console, split at the first '='; a later line wins. */
    static Map<String, String> parse(String console) {
        Map<String, String> values = new TreeMap<>();
        console.lines().map(l -> l.replace("\r", "")).filter(l -> l.startsWith(PREFIX)).forEach(line -> {
            String finding = line.substring(PREFIX.length());
            int eq = finding.indexOf('=');
            values.put(eq < 0 ? finding : finding.substring(0, eq), eq < 0 ? "" : finding.substring(eq + 1));
        });
        return values;
    }

    private static Shell.Result boot(Path log) {
        Path script = Jstack.repository().resolve("e2e/vm/run");
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), log.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JSTACK_VM_TIMEOUT", String.valueOf(VM_TIMEOUT_SECONDS));
        try {
            Files.createDirectories(log.getParent());
            Process p = builder.start();
            CompletableFuture<String> out = Shell.read(p.getInputStream());
            CompletableFuture<String> err = Shell.read(p.getErrorStream());
            // e2e/vm/run kills qemu at its own limit; this one only guards against the script itself hanging.
            if (!p.waitFor(VM_TIMEOUT_SECONDS + 120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("e2e/vm/run did not end; console:\n" + read(log));
            }
            return new Shell.Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the VM ran", e);
        }
    }

    private static String read(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
