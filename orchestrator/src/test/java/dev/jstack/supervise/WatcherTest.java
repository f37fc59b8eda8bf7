package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.apply.EtcFiles;
import dev.jstack.apply.Executor;
import dev.jstack.apply.Identities;
import dev.jstack.apply.MountTable;
import dev.jstack.apply.Operations;
import dev.jstack.apply.Project;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.spec.RestartPolicy;
import dev.jstack.spec.Service;
import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.testing.FakePins;
import dev.jstack.testing.FakeRuntime;
import dev.jstack.testing.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's ticks against the fake runtime and a clock the test moves: between full observations a tick asks
 * only whether the init processes it watches still live, and an ended one brings the full observation at once.
 */
class WatcherTest {
    private static final String WEB = "demo-web-1";

    @TempDir
    Path tmp;

    private final FakeRuntime runtime = new FakeRuntime();
    private final Set<Integer> ended = new HashSet<>();
    private final List<String> log = new ArrayList<>();
    private final MovingClock clock = new MovingClock();
    private Project project;
    private Watcher watcher;

    @BeforeEach
    void upWithRestartAlways() throws Exception {
        ProjectPaths paths = new ProjectPaths("demo", tmp.resolve("run"), tmp.resolve("lib"), tmp.resolve("netns"));
        FakePins pins = new FakePins(tmp.resolve("netns"));
        Path etc = Files.createDirectories(tmp.resolve("host-etc"));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 192.0.2.53\n");
        Service web = Stacks.service("web", "none", List.of("sleep", "infinity"), List.of());
        web = new Service(web.name(), web.rootfs(), web.process(), web.network(),
                new Service.Lifecycle(web.lifecycle().dependsOn(), new RestartPolicy(RestartPolicy.Kind.ALWAYS, 0),
                        null, "SIGTERM", Duration.ofSeconds(10)),
                web.security(), web.resources(), web.volumes(), web.labels(), web.profiles(), web.extensions());
        Operations.Host host = new Operations.Host(runtime, pins, pins, paths, new RecordStore(paths, w -> { }),
                (c, pid, netns) -> { }, new MountTable(tmp.resolve("none")));
        project = new Project(Stacks.named("demo").add(web).build(), host,
                (rootfs, user) -> Identities.Identity.ROOT, new EtcFiles(etc), new Executor(1), line -> { });
        assertTrue(project.apply(project.planner().up(project.observe(), List.of(), false)).ok());
        watcher = new Watcher(ProcessReaper.NONE, clock, log::add, Optional.empty(),
                StoppedServices.of(SupervisorFiles.of(paths)), pid -> !ended.contains(pid));
        watcher.tick(project);
    }

    private int pid(String container) {
        return runtime.state(container).filter(ContainerStatus::isRunning).map(ContainerStatus::pid).orElse(0);
    }

    @Test
    void whileTheWatchedInitProcessesLiveOnlyTheClockBringsAFullTick() {
        clock.advance(Duration.ofSeconds(1));
        assertFalse(watcher.fullTickDue(clock.instant()), "web's init process lives");
        clock.advance(Watcher.FULL_EVERY);
        assertTrue(watcher.fullTickDue(clock.instant()), "the periodic full observation");
    }

    @Test
    void driftTheInitProcessesDoNotShowWaitsForTheNextFullTick() throws Exception {
        runtime.vanish(WEB); // its init pid is still alive for the watcher: no observation until the clock says so
        clock.advance(Duration.ofSeconds(1));
        watcher.tick(project);
        clock.advance(Duration.ofSeconds(1));
        watcher.tick(project);
        assertEquals(0, pid(WEB), "not observed between full ticks");

        clock.advance(Watcher.FULL_EVERY);
        watcher.tick(project);
        clock.advance(Duration.ofSeconds(1));
        watcher.tick(project);
        assertNotEquals(0, pid(WEB), "the full tick saw web gone and brought it back");
    }

    @Test
    void anEndedInitProcessBringsTheFullTickAtOnce() throws Exception {
        int before = pid(WEB);
        runtime.exit(WEB);
        ended.add(before);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(watcher.fullTickDue(clock.instant()));

        watcher.tick(project);
        clock.advance(Duration.ofSeconds(1));
        watcher.tick(project);

        assertNotEquals(0, pid(WEB), "web runs again");
        assertNotEquals(before, pid(WEB), "as a new container");
        assertEquals(List.of("service web ended (exit code unknown): restart in 100 ms"), log);
        assertTrue(watcher.fullTickDue(clock.instant()), "a restart is followed by a full tick");
        watcher.tick(project);
        clock.advance(Duration.ofSeconds(1));
        assertFalse(watcher.fullTickDue(clock.instant()), "which watches the new init process");
    }

    @Test
    void quietOnceAFullTickHasSeenEverythingAndNothingWaits() throws Exception {
        clock.advance(Duration.ofSeconds(1));
        assertTrue(watcher.quiet(clock.instant()), "web runs and was seen running");
        assertEquals(Map.of("web", pid(WEB)), watcher.watched());

        int before = pid(WEB);
        runtime.exit(WEB);
        ended.add(before);
        assertFalse(watcher.quiet(clock.instant()), "an init process ended");
        watcher.tick(project);
        assertFalse(watcher.quiet(clock.instant()), "a restart waits for its back-off");
        clock.advance(Duration.ofSeconds(1));
        watcher.tick(project);
        assertFalse(watcher.quiet(clock.instant()), "the new init process is not yet seen by a full tick");
        watcher.tick(project);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(watcher.quiet(clock.instant()));
    }

    @Test
    void aWokenSupervisorKeepsWhatItKnewBeforeItsRest() throws Exception {
        SupervisorFiles files = SupervisorFiles.of(project.paths());
        StoppedServices.of(files).add(List.of("web"));
        runtime.exit(WEB);

        // A new supervisor brings back what the user stopped before it started, under `always`, as Docker's does.
        Watcher fresh = new Watcher(ProcessReaper.NONE, clock, log::add, Optional.empty(), StoppedServices.of(files),
                pid -> false);
        fresh.tick(project);
        clock.advance(Duration.ofSeconds(1));
        fresh.tick(project);
        assertNotEquals(0, pid(WEB), "a new supervisor restarts web");

        // The same supervisor woken from a rest does not: the user stopped web while it ran.
        StoppedServices.of(files).add(List.of("web"));
        runtime.exit(WEB);
        Watcher woken = new Watcher(ProcessReaper.NONE, clock, log::add, Optional.empty(), StoppedServices.of(files),
                pid -> false);
        woken.resume(new RestState(Map.of(), Map.of(), Set.of()));
        woken.tick(project);
        clock.advance(Duration.ofSeconds(1));
        woken.tick(project);
        assertEquals(0, pid(WEB), "web stays stopped");
        assertEquals(new TreeSet<>(), woken.inherited());
    }

    @Test
    void aServiceDownBeforeTheRestStaysDownWithItsExitCode() throws Exception {
        runtime.exit(WEB);
        Watcher woken = new Watcher(ProcessReaper.NONE, clock, log::add, Optional.empty(),
                StoppedServices.of(SupervisorFiles.of(project.paths())), pid -> false);
        woken.resume(new RestState(Map.of(), Map.of("web", OptionalInt.of(0)), Set.of()));
        woken.tick(project);
        clock.advance(Duration.ofSeconds(1));
        woken.tick(project);
        assertEquals(0, pid(WEB), "not restarted");
        assertEquals(Map.of("web", OptionalInt.of(0)), woken.down());
        assertEquals(0, woken.status(1).services().get("web").lastExit());
    }

    /** A clock that moves only when the test moves it. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
