package dev.jstack.runtime;

import java.nio.file.Path;

/** What the OCI runtime says of one container: status is created, running, paused or stopped; pid 0 if none. */
public record ContainerStatus(String id, String status, int pid, Path bundle) {

    public boolean isRunning() {
        return "running".equals(status);
    }
}
