package dev.jstack.supervise;

import dev.jstack.apply.Project;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Healthcheck;
import dev.jstack.spec.Service;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Owns the health monitors of the running services that have a check: one for each container's life, made when a
 * full tick sees it running, dropped when it ends or is made anew. Runs the checks that are due.
 */
final class HealthChecks {
    private final Map<String, HealthMonitor> monitors = new TreeMap<>();
    private final Clock clock;
    private final Consumer<String> log;

    HealthChecks(Clock clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    /** {@code service} runs at {@code now}: its container's checks start, when it has any and they have not. */
    void running(String service, Service definition, Instant now) {
        Healthcheck check = healthcheck(definition);
        if (!monitors.containsKey(service) && !HealthMonitor.command(check).isEmpty()) {
            monitors.put(service, new HealthMonitor(check, now));
        }
    }

    /** {@code service}'s container ended or is made anew: its health starts over with the next one. */
    void forget(String service) {
        monitors.remove(service);
    }

    /** True when no running service has a check. */
    boolean none() {
        return monitors.isEmpty();
    }

    /** The health of {@code service} as {@code ps} shows it: {@code none} without a check. */
    String label(String service) {
        HealthMonitor monitor = monitors.get(service);
        return monitor == null ? "none" : monitor.status().label();
    }

    /** Runs every check that is due, in its container, and says when a service's health changes. */
    void probe(Project project) {
        for (Map.Entry<String, HealthMonitor> e : monitors.entrySet()) {
            HealthMonitor monitor = e.getValue();
            if (!monitor.due(clock.instant())) {
                continue;
            }
            List<String> command = HealthMonitor.command(healthcheck(project.stack().services().get(e.getKey())));
            boolean passed;
            try {
                passed = project.host().runtime().probe(project.paths().containerId(e.getKey()), command,
                        monitor.timeout()) == 0;
            } catch (RuntimeFailure failure) {
                passed = false;
            }
            HealthMonitor.Status before = monitor.status();
            monitor.record(passed, clock.instant());
            if (monitor.status() != before) {
                log.accept("service " + e.getKey() + " is " + monitor.describe());
            }
        }
    }

    private static Healthcheck healthcheck(Service s) {
        return s == null || s.lifecycle() == null ? null : s.lifecycle().healthcheck();
    }
}
