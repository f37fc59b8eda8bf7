package dev.jstack.supervise;

import dev.jstack.apply.Executor;
import dev.jstack.apply.Project;
import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Healthcheck;
import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.Service;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import dev.jstack.state.ProjectLock;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Owns what a supervisor knows of each service between ticks (restart trackers, health monitors) and does one
 * tick: reap, observe, let each tracker judge what it sees, bring back what is due through a plan, run the
 * health checks that are due, and write the status. Level-based: each tick starts from what runs now.
 */
final class Watcher {
    private final ProcessReaper reaper;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, RestartTracker> trackers = new TreeMap<>();
    private final Map<String, HealthMonitor> health = new TreeMap<>();
    private final Map<String, Integer> previousRestarts = new HashMap<>();
    // Services brought up while supervised: a record lost with a failed re-creation does not end supervision.
    private final SortedSet<String> known = new TreeSet<>();
    private final StoppedServices stopped;
    // Stopped by the user before this supervisor started: `always` brings them back, `unless-stopped` does not.
    private final SortedSet<String> inherited;

    Watcher(ProcessReaper reaper, Clock clock, Consumer<String> log, Optional<SupervisorStatus> previous,
            StoppedServices stopped) {
        this.reaper = reaper;
        this.stopped = stopped;
        this.inherited = stopped.read();
        this.clock = clock;
        this.log = log;
        previous.ifPresent(p -> p.services().forEach((s, st) -> previousRestarts.put(s, st.restarts())));
        previous.ifPresent(p -> known.addAll(p.services().keySet()));
    }

    /** The stack may have changed: trackers take the new policies, keep their counts, and judge anew. */
    void reload(Project project, Iterable<String> recreated) {
        Map<String, RestartTracker> old = new TreeMap<>(trackers);
        trackers.clear();
        Instant now = clock.instant();
        for (Service s : project.stack().services().values()) {
            RestartTracker before = old.get(s.name());
            int restarts = before == null ? previousRestarts.getOrDefault(s.name(), 0) : before.restarts();
            trackers.put(s.name(), new RestartTracker(policy(s), restarts));
        }
        for (String s : recreated) {
            health.remove(s);
            RestartTracker t = trackers.get(s);
            if (t != null) t.replaced(now);
        }
    }

    void tick(Project project) throws RuntimeFailure {
        if (trackers.isEmpty()) {
            reload(project, List.of());
        }
        Observed observed = observe(project);
        SortedSet<String> due = judge(project, observed);
        if (!due.isEmpty()) {
            heal(project, due);
        }
        probe(project);
    }

    private Observed observe(Project project) throws RuntimeFailure {
        for (String s : project.observe().records().keySet()) {
            reaper.exitCode(InitPids.of(project.paths(), project.paths().containerId(s)));
        }
        return project.observe();
    }

    private SortedSet<String> judge(Project project, Observed observed) {
        SortedSet<String> due = new TreeSet<>();
        Instant now = clock.instant();
        known.addAll(observed.records().keySet());
        known.retainAll(trackers.keySet());
        SortedSet<String> userStopped = stopped.read();
        inherited.retainAll(userStopped);
        for (String s : known) {
            RestartTracker tracker = trackers.get(s);
            if (tracker == null) {
                continue;
            }
            if (userStopped.contains(s) && !(inherited.contains(s) && tracker.isAlways())) {
                health.remove(s);
                continue;
            }
            String container = project.paths().containerId(s);
            boolean running = observed.container(container).map(ObservedContainer::isRunning).orElse(false);
            OptionalInt exit = running ? OptionalInt.empty()
                    : reaper.exitCode(InitPids.of(project.paths(), container));
            RestartTracker.Phase before = tracker.phase();
            tracker.observe(running, exit, now);
            if (tracker.phase() != before) {
                announce(s, tracker, now);
            }
            if (!running) {
                health.remove(s);
            } else if (!health.containsKey(s)) {
                Healthcheck check = healthcheck(project.stack().services().get(s));
                if (!HealthMonitor.command(check).isEmpty()) {
                    health.put(s, new HealthMonitor(check, now));
                }
            }
            if (tracker.due(now)) {
                due.add(s);
            }
        }
        return due;
    }

    private void announce(String service, RestartTracker tracker, Instant now) {
        String code = tracker.lastExit().isPresent() ? "exited with code " + tracker.lastExit().getAsInt()
                : "ended (exit code unknown)";
        switch (tracker.phase()) {
            case BACKING_OFF -> log.accept("service " + service + " " + code + ": restart in "
                    + java.time.Duration.between(now, tracker.dueAt()).toMillis() + " ms");
            case DOWN -> log.accept("service " + service + " " + code + ": stays down (restart policy)");
            default -> { }
        }
    }

    private void heal(Project project, SortedSet<String> due) {
        try {
            Optional<ProjectLock> lock = ProjectLock.tryAcquire(project.paths().lockFile());
            if (lock.isEmpty()) {
                return; // a command works on the project; the next tick sees what it leaves
            }
            try (ProjectLock held = lock.get()) {
                Plan plan = project.planner().heal(project.observe(), due);
                stopped.remove(due);
                inherited.removeAll(due);
                Executor.Result result = project.apply(plan);
                result.failures().forEach(f -> log.accept("restart of service " + f.action().service()
                        + " failed: " + f.message()));
            }
        } catch (Exception e) {
            log.accept("restart of " + String.join(", ", due) + " failed: " + e.getMessage());
        }
        Instant now = clock.instant();
        for (String s : due) {
            trackers.get(s).restarted(now);
            health.remove(s);
        }
    }

    private void probe(Project project) {
        for (Map.Entry<String, HealthMonitor> e : health.entrySet()) {
            HealthMonitor monitor = e.getValue();
            if (!monitor.due(clock.instant())) {
                continue;
            }
            Service service = project.stack().services().get(e.getKey());
            List<String> command = HealthMonitor.command(healthcheck(service));
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

    /** What {@code ps} shows: health and restarts of every service the supervisor knows. */
    SupervisorStatus status(int pid) {
        SortedMap<String, SupervisorStatus.Service> out = new TreeMap<>();
        known.forEach(s -> {
            RestartTracker t = trackers.get(s);
            HealthMonitor monitor = health.get(s);
            String state = monitor == null ? "none" : monitor.status().label();
            Integer exit = t.lastExit().isPresent() ? t.lastExit().getAsInt() : null;
            out.put(s, new SupervisorStatus.Service(state, t.restarts(), exit));
        });
        return new SupervisorStatus(pid, out);
    }

    /** Names the services whose Start is in {@code plan}: they were made anew. */
    static List<String> started(Plan plan) {
        return plan.actions().stream().filter(a -> a instanceof Action.Start).map(Action::service).toList();
    }

    private static RestartPolicy policy(Service s) {
        return s.lifecycle() == null ? RestartPolicy.NO : s.lifecycle().restart();
    }

    private static Healthcheck healthcheck(Service s) {
        return s == null || s.lifecycle() == null ? null : s.lifecycle().healthcheck();
    }
}
