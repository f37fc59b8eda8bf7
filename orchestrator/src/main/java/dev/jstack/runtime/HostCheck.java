package dev.jstack.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Owns the checks that the host can run containers at all, before jstack touches anything: root (namespaces,
 * mounts and cgroups need it) and an OCI runtime that can be executed. Each failure says what to do.
 */
public final class HostCheck {

    static final String NOT_ROOT = "not root: jstack must run as root to create namespaces; run it with sudo";
    static final String NO_RUNC =
            "no OCI runtime: install runc (apt-get install -y runc) or choose one with --runtime / JSTACK_RUNTIME";

    private HostCheck() {
    }

    /** Fails with a {@link HostNotReadyException} unless this process is root and {@code runtime} is runnable. */
    public static void require(String runtime) throws HostNotReadyException {
        check(runtime, effectiveUid(), System.getenv().getOrDefault("PATH", ""));
    }

    /** Fails with a {@link HostNotReadyException} unless this process is root (the image store is root's). */
    public static void requireRoot() throws HostNotReadyException {
        if (effectiveUid() != 0) {
            throw new HostNotReadyException(NOT_ROOT);
        }
    }

    static void check(String runtime, long uid, String searchPath) throws HostNotReadyException {
        if (uid != 0) {
            throw new HostNotReadyException(NOT_ROOT);
        }
        if (locate(runtime, searchPath).isPresent()) {
            return;
        }
        if (runtime.contains("/")) {
            throw new HostNotReadyException("no OCI runtime at " + runtime
                    + ": not an executable file; choose another with --runtime / JSTACK_RUNTIME");
        }
        if (runtime.equals(RuncRuntime.DEFAULT)) {
            throw new HostNotReadyException(NO_RUNC);
        }
        throw new HostNotReadyException("no OCI runtime \"" + runtime + "\" on PATH: install it (apt-get install -y "
                + runtime + ") or choose another with --runtime / JSTACK_RUNTIME");
    }

    /** The executable a program name stands for: itself when it has a slash, else the first match on the path. */
    static Optional<Path> locate(String program, String searchPath) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : searchPath.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The effective uid, from the second field of the {@code Uid:} line of /proc/self/status. */
    static long effectiveUid() throws HostNotReadyException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new HostNotReadyException("read /proc/self/status: " + e.getMessage()
                    + "; jstack needs Linux with /proc mounted");
        }
        throw new HostNotReadyException("read /proc/self/status: no Uid line; jstack needs Linux with /proc mounted");
    }
}
