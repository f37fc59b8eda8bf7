package dev.jstack.supervise;

import dev.jstack.apply.Operations;
import dev.jstack.plan.Action;
import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Dependency;
import dev.jstack.spec.Healthcheck;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.state.ProjectPaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Holds a container's creation until its {@code depends_on} conditions hold: {@code service_healthy} runs the
 * dependency's health check until it passes (failing once the check calls it unhealthy or it stops), and
 * {@code service_completed_successfully} waits for the dependency to exit with 0 (failing on any other code).
 */
public final class DependencyGate implements Operations.Gate {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration COMPLETION_LIMIT = Duration.ofMinutes(10);

    private final Stack stack;
    private final ContainerRuntime runtime;
    private final ProjectPaths paths;
    private final ProcessReaper reaper;
    private final Clock clock;
    private final Consumer<String> progress;

    public DependencyGate(Stack stack, ContainerRuntime runtime, ProjectPaths paths, ProcessReaper reaper,
                          Clock clock, Consumer<String> progress) {
        this.stack = stack;
        this.runtime = runtime;
        this.paths = paths;
        this.reaper = reaper;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public void await(Action.CreateContainer create) throws RuntimeFailure {
        Service.Lifecycle lifecycle = create.config().lifecycle();
        if (lifecycle == null || lifecycle.dependsOn() == null) {
            return;
        }
        for (Map.Entry<String, Dependency> e : lifecycle.dependsOn().entrySet()) {
            String what = "service " + create.service() + " waits for " + e.getKey();
            switch (e.getValue().condition()) {
                case SERVICE_HEALTHY -> healthy(e.getKey(), what);
                case SERVICE_COMPLETED_SUCCESSFULLY -> completed(e.getKey(), what);
                default -> { }
            }
        }
    }

    private void healthy(String dependency, String what) throws RuntimeFailure {
        Service service = stack.services().get(dependency);
        Healthcheck check = service == null || service.lifecycle() == null ? null : service.lifecycle().healthcheck();
        List<String> command = HealthMonitor.command(check);
        if (command.isEmpty()) {
            throw new RuntimeFailure(what + " to be healthy, but " + dependency + " has no health check:"
                    + " add `healthcheck:` to " + dependency + " or use `condition: service_started`");
        }
        String container = paths.containerId(dependency);
        progress.accept("Container " + container + "  Waiting");
        HealthMonitor monitor = new HealthMonitor(check, clock.instant());
        boolean first = true;
        while (true) {
            if (!running(container)) {
                throw new RuntimeFailure(what + " to be healthy, but " + container + " is not running");
            }
            Instant now = clock.instant();
            if (first || monitor.due(now)) {
                monitor.record(probe(container, command, monitor.timeout()), now);
                first = false;
            }
            if (monitor.status() == HealthMonitor.Status.HEALTHY) {
                progress.accept("Container " + container + "  Healthy");
                return;
            }
            if (monitor.status() == HealthMonitor.Status.UNHEALTHY) {
                throw new RuntimeFailure(what + " to be healthy, but " + container + " is unhealthy ("
                        + monitor.describe() + "); see `jstack logs " + dependency + "`");
            }
            sleepUntil(monitor.nextProbe());
        }
    }

    private void completed(String dependency, String what) throws RuntimeFailure {
        String container = paths.containerId(dependency);
        progress.accept("Container " + container + "  Waiting");
        Instant limit = clock.instant().plus(COMPLETION_LIMIT);
        while (running(container)) {
            if (clock.instant().isAfter(limit)) {
                throw new RuntimeFailure(what + " to complete, but " + container + " still runs after "
                        + COMPLETION_LIMIT.toMinutes() + " minutes");
            }
            sleepUntil(clock.instant().plus(POLL));
        }
        OptionalInt code = reaper.exitCode(InitPids.of(runtime, paths, container));
        if (code.isEmpty()) {
            throw new RuntimeFailure(what + " to complete successfully, but how " + container + " ended is unknown:"
                    + " it was not started by this jstack process; run `jstack up` again to run it anew");
        }
        if (code.getAsInt() != 0) {
            throw new RuntimeFailure(what + " to complete successfully, but " + container + " exited with code "
                    + code.getAsInt() + "; see `jstack logs " + dependency + "`");
        }
        progress.accept("Container " + container + "  Exited (0)");
    }

    private boolean running(String container) throws RuntimeFailure {
        Optional<ContainerStatus> state = runtime.state(container);
        return state.isPresent() && state.get().isRunning();
    }

    private boolean probe(String container, List<String> command, Duration timeout) {
        try {
            return runtime.probe(container, command, timeout) == 0;
        } catch (RuntimeFailure e) {
            return false;
        }
    }

    private void sleepUntil(Instant when) throws RuntimeFailure {
        long millis = Math.max(10, Math.min(Duration.between(clock.instant(), when).toMillis(), 1000));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for a dependency");
        }
    }
}
