package dev.jstack.supervise;

import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.state.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.OptionalInt;

/**
 * The pid of a container's init process, also once it has ended: the runtime reports no pid for a stopped
 * container, yet that pid is what tells its exit code. runc's state file keeps it; for another runtime it is the pid
 * file that {@code --pid-file} leaves in the bundle.
 */
final class InitPids {
    static final String FILE = "init.pid";

    private InitPids() {
    }

    /** The init pid of {@code container}, or 0 when neither the runtime nor its bundle tells it. */
    static int of(ContainerRuntime runtime, ProjectPaths paths, String container) {
        OptionalInt recorded = runtime.initPid(container);
        if (recorded.isPresent()) {
            return recorded.getAsInt();
        }
        try {
            return Integer.parseInt(Files.readString(paths.bundleDir(container).resolve(FILE),
                    StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
