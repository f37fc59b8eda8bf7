package dev.jstack.supervise;

import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Reads the pid of a container's init process from the pid file that {@code runc create --pid-file} leaves in
 * the bundle: the runtime reports no pid for a stopped container, yet that pid is what tells its exit code.
 */
final class InitPids {
    static final String FILE = "init.pid";

    private InitPids() {
    }

    /** The init pid of {@code container}, or 0 when its bundle holds none. */
    static int of(ProjectPaths paths, String container) {
        try {
            return Integer.parseInt(Files.readString(paths.bundleDir(container).resolve(FILE),
                    StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
