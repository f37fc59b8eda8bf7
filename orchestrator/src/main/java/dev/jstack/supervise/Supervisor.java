package dev.jstack.supervise;

import dev.jstack.apply.Executor;
import dev.jstack.apply.ProgressEvent;
import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
import dev.jstack.plan.PlanException;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.StackWriter;
import dev.jstack.state.JsonDocuments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The supervisor of one project: a single loop that answers the commands on its Unix socket and, between them,
 * ticks every {@value #TICK_MILLIS} ms (restarts, health checks, status). It is the child subreaper of the
 * containers it creates, so it is their parent once runc has exited and learns their exit codes; containers of
 * an earlier supervisor are watched through the runtime's state.
 * <p>
 * When nothing has been due for a while (no command, no restart pending, no health check), the loop ends with
 * {@link Ending#REST}: the caller then replaces the program with a small one that only watches ({@link Resting}),
 * and which brings this one back when anything happens. What it needs for that is written first: the init
 * processes to watch and what the watcher knows ({@link RestState}), and the stack as last applied, which the
 * woken supervisor loads.
 */
public final class Supervisor {
    static final long TICK_MILLIS = 500;
    /**
     * How long a supervisor that a command started waits for that command's request before it loads the stack
     * itself: the request loads it anyway, so the command that starts a supervisor to send it one is not kept
     * waiting for a second load.
     */
    static final Duration FIRST_REQUEST = Duration.ofSeconds(2);

    /** Loads the project anew (the file may have changed), reporting progress to the given consumer. */
    @FunctionalInterface
    public interface Source {
        Project open(Consumer<String> progress) throws Exception;
    }

    /** How a run of the loop ended. */
    public enum Ending {
        /** Asked to stop, or the project's run directory is gone. */
        STOPPED,
        /** Nothing is due: the supervisor may rest (see the class's comment). */
        REST
    }

    private final Source source;
    private final SupervisorFiles files;
    private final ProcessReaper reaper;
    private final Clock clock;
    private final Consumer<String> log;
    private final Watcher watcher;
    private final long pid = ProcessHandle.current().pid();
    private Optional<Duration> restAfter;
    private BooleanSupplier restAllowed = () -> true;
    private Consumer<String> sink;
    private Project project;
    private boolean stopping;
    /** An apply ran for the request being served: its garbage is collected once the answer is out. */
    private boolean applied;
    private SupervisorStatus written;
    private Instant lastWork;

    /** {@code restAfter}: how long nothing must be due before the supervisor rests; empty: it never rests. */
    public Supervisor(Source source, SupervisorFiles files, ProcessReaper reaper, Clock clock, Consumer<String> log,
                      Optional<Duration> restAfter) {
        this.source = source;
        this.files = files;
        this.reaper = reaper;
        this.clock = clock;
        this.log = log;
        this.sink = log;
        this.restAfter = restAfter;
        this.watcher = new Watcher(reaper, clock, log, SupervisorStatus.read(files.status()),
                StoppedServices.of(files));
    }

    /**
     * Runs on {@code server} until asked to stop, until the project's run directory is gone, or until it may rest.
     * {@code resumed}: where a supervisor that wakes from rest loads the stack at once; empty for one a command
     * started, which loads it with that command's request.
     */
    public Ending run(ServerSocketChannel server, Optional<Source> resumed) throws Exception {
        reaper.becomeSubreaper();
        if (project == null && resumed.isPresent()) {
            resume();
            project = resumed.get().open(log);
            settle();
        }
        Instant started = clock.instant();
        lastWork = started;
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            Files.writeString(files.pidFile(), Supervisors.pidLine(pid));
            log.accept("supervising project " + files.project() + " as pid " + pid);
            while (!stopping && Files.isDirectory(files.dir())) {
                selector.select(TICK_MILLIS);
                selector.selectedKeys().clear();
                for (SocketChannel client = server.accept(); client != null; client = server.accept()) {
                    serve(client);
                }
                if (stopping || project == null && clock.instant().isBefore(started.plus(FIRST_REQUEST))) {
                    continue;
                }
                if (project == null) {
                    project = source.open(line -> sink.accept(line));
                    settle();
                }
                tick();
                if (restDue() && readyToRest()) {
                    return Ending.REST;
                }
            }
        }
        return Ending.STOPPED;
    }

    // What the watcher knew before the rest; without it (the file lost), this supervisor judges as a new one would.
    private void resume() {
        try {
            watcher.resume(RestState.read(files.restState()));
        } catch (IOException e) {
            log.accept("what the supervisor knew before its rest is lost (" + e.getMessage()
                    + "): it judges its services anew");
        }
    }

    /**
     * The supervisor rests only while {@code allowed} holds: a rest replaces the whole process, so one that shares
     * its process with a command waits until that command is done.
     */
    public void restOnlyWhen(BooleanSupplier allowed) {
        restAllowed = allowed;
    }

    /** After a rest that could not begin: the supervisor stays awake from now on. */
    public void stayAwake() {
        restAfter = Optional.empty();
    }

    private boolean restDue() {
        Instant now = clock.instant();
        return restAfter.isPresent() && !now.isBefore(lastWork.plus(restAfter.get())) && watcher.quiet(now)
                && restAllowed.getAsBoolean();
    }

    // The watch list and the stack as applied, for the program that rests and for the supervisor it wakes.
    private boolean readyToRest() {
        Optional<RestState> state = RestState.of(watcher.watched(), watcher.down(), watcher.inherited());
        if (state.isEmpty()) {
            return false;
        }
        try {
            JsonDocuments.replaceText(files.stackSnapshot(), StackWriter.json(project.stack()));
            state.get().write(files.restState());
        } catch (IOException e) {
            log.accept("cannot rest: " + e.getMessage());
            stayAwake();
            return false;
        }
        log.accept("nothing is due: the supervisor rests, watching " + state.get().watched().size()
                + " init processes");
        return true;
    }

    private void tick() {
        try {
            if (watcher.tick(project)) {
                lastWork = clock.instant();
            }
            SupervisorStatus status = watcher.status((int) pid);
            if (!status.equals(written)) {
                status.write(files.status());
                written = status;
            }
        } catch (Exception e) {
            log.accept("tick failed: " + e.getMessage());
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            client.configureBlocking(true);
            BufferedReader in = new BufferedReader(Channels.newReader(client, StandardCharsets.UTF_8));
            Writer out = Channels.newWriter(client, StandardCharsets.UTF_8);
            String request = in.readLine();
            String answer = answer(request == null ? "" : request.trim(), out);
            out.write(answer + "\n");
            out.flush();
        } catch (IOException e) {
            log.accept("a command's connection failed: " + e.getMessage());
        }
        // After the answer: the command that waits for it ends without waiting for the collection too.
        if (applied) {
            applied = false;
            settle();
        }
    }

    private String answer(String request, Writer out) {
        List<String> words = Arrays.stream(request.split("\\s+")).filter(w -> !w.isEmpty()).toList();
        String verb = words.isEmpty() ? "" : words.get(0);
        switch (verb) {
            case "ping":
                return "ok " + pid;
            case "stop":
                stopping = true;
                return "ok";
            case "up", "start", "restart":
                lastWork = clock.instant();
                return apply(verb, words.subList(1, words.size()), out);
            default:
                return "error unknown request: " + request;
        }
    }

    // The command holds the project's lock while it waits for this answer, so no lock is taken here.
    private String apply(String verb, List<String> words, Writer out) {
        sink = line -> send(out, "progress " + line);
        try {
            project = source.open(line -> sink.accept(line));
            project.reportProgressTo(event -> {
                logDone(event);
                send(out, ProgressLines.encode(event));
            });
            List<String> services = words.stream().filter(w -> !w.startsWith("--")).toList();
            Plan plan = plan(verb, services, words.contains("--remove-orphans"));
            plan.warnings().forEach(w -> send(out, "warning " + w));
            // What the command starts is no longer stopped by the user: its restart policy applies again.
            Set<String> named = new TreeSet<>(services.isEmpty() ? project.stack().services().keySet() : services);
            named.addAll(Watcher.started(plan));
            StoppedServices.of(files).remove(named);
            Executor.Result result = project.apply(plan);
            watcher.reload(project, Watcher.started(plan));
            if (!result.ok()) {
                return "error " + result.failures().stream()
                        .map(f -> "service " + f.action().service() + ": " + f.message())
                        .collect(Collectors.joining("\\n"));
            }
            return "ok";
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "error " + message.replace("\n", "\\n");
        } finally {
            lastWork = clock.instant();
            sink = log;
            if (project != null) {
                project.reportProgressTo(this::logDone);
            }
            applied = true;
        }
    }

    /*
     * An apply is a burst: plans, bundles, runtime calls, threads of its own. What it leaves is garbage, which a
     * full collection frees and, with the supervisor's small MaxHeapFreeRatio, hands back to the kernel, so that the
     * heap that stays resident while the supervisor idles is its live data and a little more.
     */
    private static void settle() {
        System.gc();
    }

    // The same plans as the commands make when no supervisor runs, so that what they start is this one's child.
    private Plan plan(String verb, List<String> services, boolean removeOrphans)
            throws PlanException, RuntimeFailure {
        return switch (verb) {
            case "start" -> project.planner().start(project.observe(), services);
            case "restart" -> project.planner().restart(project.observe(), services);
            default -> project.planner().up(project.observe(), services, removeOrphans);
        };
    }

    private void logDone(ProgressEvent event) {
        if (event.done()) {
            log.accept(event.text());
        }
    }

    // A command that went away (killed, Ctrl-C) does not stop the work it asked for.
    private void send(Writer out, String line) {
        try {
            out.write(line + "\n");
            out.flush();
        } catch (IOException e) {
            log.accept("cannot report progress: " + e.getMessage());
        }
    }
}
