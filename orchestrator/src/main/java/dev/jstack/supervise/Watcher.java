package dev.jstack.supervise;

import dev.jstack.apply.Executor;
import dev.jstack.apply.Project;
import dev.jstack.plan.Action;
import dev.jstack.plan.Plan;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.Service;
import dev.jstack.state.Observed;
import dev.jstack.state.ObservedContainer;
import dev.jstack.state.ProjectLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.function.IntPredicate;

/**
 * Owns what a supervisor knows of each service between ticks (restart trackers, health checks) and does one
 * tick: observe, reap, let each tracker judge what it sees, bring back what is due through a plan, and run the
 * health checks that are due. Level-based: a full tick starts from what runs now.
 * <p>
 * A full observation reads every record and every runtime state file, which at 100 containers costs more CPU
 * than an idle supervisor should spend twice a second. So a full tick comes every {@link #FULL_EVERY}, and
 * sooner when something asks for it: the stack was applied, a restart is due, or an init process that the last
 * full tick saw running has ended (killed, deleted by hand, exited). In between, a tick only asks the kernel
 * whether those init processes still live.
 */
final class Watcher {
    static final Duration FULL_EVERY = Duration.ofSeconds(10);

    private final ProcessReaper reaper;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, RestartTracker> trackers = new TreeMap<>();
    private final HealthChecks health;
    private final Map<String, Integer> previousRestarts = new HashMap<>();
    // Services brought up while supervised: a record lost with a failed re-creation does not end supervision.
    private final SortedSet<String> known = new TreeSet<>();
    private final StoppedServices stopped;
    // The init pid of each service that ran at the last full tick, and how to tell that one still lives.
    private final Map<String, Integer> watched = new TreeMap<>();
    private final IntPredicate alive;
    private Instant nextFull = Instant.MIN;
    // Stopped by the user before this supervisor started: `always` brings them back, `unless-stopped` does not.
    private final SortedSet<String> inherited;
    // Services that stayed down before a rest, with their exit codes: their trackers start there.
    private final SortedMap<String, OptionalInt> downBeforeRest = new TreeMap<>();

    Watcher(ProcessReaper reaper, Clock clock, Consumer<String> log, Optional<SupervisorStatus> previous,
            StoppedServices stopped) {
        this(reaper, clock, log, previous, stopped, Watcher::inProc);
    }

    Watcher(ProcessReaper reaper, Clock clock, Consumer<String> log, Optional<SupervisorStatus> previous,
            StoppedServices stopped, IntPredicate alive) {
        this.reaper = reaper;
        this.alive = alive;
        this.stopped = stopped;
        this.inherited = stopped.read();
        this.clock = clock;
        this.log = log;
        this.health = new HealthChecks(clock, log);
        previous.ifPresent(p -> p.services().forEach((s, st) -> previousRestarts.put(s, st.restarts())));
        previous.ifPresent(p -> known.addAll(p.services().keySet()));
    }

    /**
     * The supervisor wakes from a rest: it is the same supervisor, so the user's stops it inherited stay
     * inherited (the ones made while it ran are not), and services that stayed down stay down.
     */
    void resume(RestState state) {
        inherited.clear();
        inherited.addAll(state.inherited());
        downBeforeRest.putAll(state.down());
    }

    /** The services whose tracker keeps them down, with their last exit codes. */
    SortedMap<String, OptionalInt> down() {
        SortedMap<String, OptionalInt> out = new TreeMap<>();
        trackers.forEach((s, t) -> {
            if (t.phase() == RestartTracker.Phase.DOWN) {
                out.put(s, t.lastExit());
            }
        });
        return out;
    }

    SortedSet<String> inherited() {
        return new TreeSet<>(inherited);
    }

    /** The stack may have changed: trackers take the new policies, keep their counts, and judge anew. */
    void reload(Project project, Iterable<String> recreated) {
        Map<String, RestartTracker> old = new TreeMap<>(trackers);
        trackers.clear();
        Instant now = clock.instant();
        nextFull = Instant.MIN;
        for (Service s : project.stack().services().values()) {
            RestartTracker before = old.get(s.name());
            int restarts = before == null ? previousRestarts.getOrDefault(s.name(), 0) : before.restarts();
            RestartTracker tracker = new RestartTracker(policy(s), restarts);
            OptionalInt down = downBeforeRest.remove(s.name());
            if (before == null && down != null) {
                tracker.stayDown(down);
            }
            trackers.put(s.name(), tracker);
        }
        for (String s : recreated) {
            health.forget(s);
            RestartTracker t = trackers.get(s);
            if (t != null) t.replaced(now);
        }
    }

    /** One tick; true when it brought a service back. */
    boolean tick(Project project) throws RuntimeFailure {
        if (trackers.isEmpty()) {
            reload(project, List.of());
        }
        boolean healed = false;
        if (fullTickDue(clock.instant())) {
            Observed observed = observe(project);
            nextFull = clock.instant().plus(FULL_EVERY);
            SortedSet<String> due = judge(project, observed);
            watch(project, observed);
            if (!due.isEmpty()) {
                heal(project, due);
                healed = true;
            }
        }
        health.probe(project);
        return healed;
    }

    /**
     * True when nothing is due or pending: a full tick has seen everything since the last change, every init
     * process it watches still runs, no restart waits for its back-off, and no health check runs (a running
     * service with a check keeps the supervisor awake).
     */
    boolean quiet(Instant now) {
        return !trackers.isEmpty() && health.none()
                && trackers.values().stream().noneMatch(t -> t.phase() == RestartTracker.Phase.BACKING_OFF)
                && !fullTickDue(now);
    }

    /** The init pid of each service that ran at the last full tick. */
    Map<String, Integer> watched() {
        return new TreeMap<>(watched);
    }

    /** True when this tick must observe everything; false when all it watches still runs as it did. */
    boolean fullTickDue(Instant now) {
        if (!now.isBefore(nextFull) || trackers.values().stream().anyMatch(t -> t.due(now))) {
            return true;
        }
        for (int pid : watched.values()) {
            // Reaping first: an ended child stays in /proc as a zombie until it is reaped.
            if (reaper.exitCode(pid).isPresent() || !alive.test(pid)) {
                return true;
            }
        }
        return false;
    }

    // Reaps the children that ended, so that their exit codes are known when the trackers judge.
    private Observed observe(Project project) throws RuntimeFailure {
        Observed observed = project.observe();
        SortedSet<String> services = new TreeSet<>(observed.records().keySet());
        services.addAll(trackers.keySet());
        for (String s : services) {
            reaper.exitCode(InitPids.of(project.host().runtime(), project.paths(), project.paths().containerId(s)));
        }
        return observed;
    }

    private void watch(Project project, Observed observed) {
        watched.clear();
        for (String s : known) {
            observed.container(project.paths().containerId(s)).filter(ObservedContainer::isRunning)
                    .filter(c -> c.pid() > 0).ifPresent(c -> watched.put(s, c.pid()));
        }
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
                health.forget(s);
                continue;
            }
            String container = project.paths().containerId(s);
            boolean running = observed.container(container).map(ObservedContainer::isRunning).orElse(false);
            OptionalInt exit = running ? OptionalInt.empty()
                    : reaper.exitCode(InitPids.of(project.host().runtime(), project.paths(), container));
            RestartTracker.Phase before = tracker.phase();
            tracker.observe(running, exit, now);
            if (tracker.phase() != before) {
                announce(s, tracker, now);
            }
            if (running) {
                health.running(s, project.stack().services().get(s), now);
            } else {
                health.forget(s);
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
                    + Duration.between(now, tracker.dueAt()).toMillis() + " ms");
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
            health.forget(s);
        }
        nextFull = Instant.MIN; // the next tick watches the new init processes
    }

    /** What {@code ps} shows: health and restarts of every service the supervisor knows. */
    SupervisorStatus status(int pid) {
        SortedMap<String, SupervisorStatus.Service> out = new TreeMap<>();
        known.forEach(s -> {
            RestartTracker t = trackers.get(s);
            String state = health.label(s);
            Integer exit = t.lastExit().isPresent() ? t.lastExit().getAsInt() : null;
            out.put(s, new SupervisorStatus.Service(state, t.restarts(), exit));
        });
        return new SupervisorStatus(pid, out);
    }

    /** Names the services whose Start is in {@code plan}: they were made anew. */
    static List<String> started(Plan plan) {
        return plan.actions().stream().filter(a -> a instanceof Action.Start).map(Action::service).toList();
    }

    private static boolean inProc(int pid) {
        return Files.exists(Path.of("/proc", Integer.toString(pid)));
    }

    private static RestartPolicy policy(Service s) {
        return s.lifecycle() == null ? RestartPolicy.NO : s.lifecycle().restart();
    }
}
