package dev.jstack.state;

/** One container as the OCI runtime reports it: status is created, running, paused or stopped; pid 0 if none. */
public record ObservedContainer(String id, String status, int pid) {

    public boolean isRunning() {
        return "running".equals(status);
    }
}
