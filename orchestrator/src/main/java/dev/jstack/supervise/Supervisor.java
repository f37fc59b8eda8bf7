package dev.jstack.supervise;

import dev.jstack.apply.Executor;
import dev.jstack.apply.ProgressEvent;
import dev.jstack.apply.Project;
import dev.jstack.plan.Plan;
import dev.jstack.plan.PlanException;
import dev.jstack.runtime.ProcessReaper;
import dev.jstack.runtime.RuntimeFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The supervisor of one project: a single loop that answers the commands on its Unix socket and, between them,
 * ticks every {@value #TICK_MILLIS} ms (restarts, health checks, status). It is the child subreaper of the
 * containers it creates, so it is their parent once runc has exited and learns their exit codes; containers of
 * an earlier supervisor are watched through the runtime's state.
 */
public final class Supervisor {
    static final long TICK_MILLIS = 500;

    /** Loads the project anew (the file may have changed), reporting progress to the given consumer. */
    @FunctionalInterface
    public interface Source {
        Project open(Consumer<String> progress) throws Exception;
    }

    private final Source source;
    private final SupervisorFiles files;
    private final ProcessReaper reaper;
    private final Consumer<String> log;
    private final Watcher watcher;
    private final long pid = ProcessHandle.current().pid();
    private Consumer<String> sink;
    private Project project;
    private boolean stopping;
    private SupervisorStatus written;

    public Supervisor(Source source, SupervisorFiles files, ProcessReaper reaper, Clock clock, Consumer<String> log) {
        this.source = source;
        this.files = files;
        this.reaper = reaper;
        this.log = log;
        this.sink = log;
        this.watcher = new Watcher(reaper, clock, log, SupervisorStatus.read(files.status()),
                StoppedServices.of(files));
    }

    /** Runs until asked to stop, or until the project's run directory is gone. */
    public void run() throws Exception {
        reaper.becomeSubreaper();
        project = source.open(line -> sink.accept(line));
        settle();
        Files.createDirectories(files.dir());
        Files.deleteIfExists(files.socket());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            server.bind(UnixDomainSocketAddress.of(files.socket()));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            Files.writeString(files.pidFile(), pid + "\n");
            log.accept("supervising project " + files.project() + " as pid " + pid);
            while (!stopping && Files.isDirectory(files.dir())) {
                selector.select(TICK_MILLIS);
                selector.selectedKeys().clear();
                for (SocketChannel client = server.accept(); client != null; client = server.accept()) {
                    serve(client);
                }
                if (!stopping) {
                    tick();
                }
            }
        } finally {
            Files.deleteIfExists(files.socket());
            Files.deleteIfExists(files.pidFile());
            log.accept("supervisor of project " + files.project() + " ends");
        }
    }

    private void tick() {
        try {
            watcher.tick(project);
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
            sink = log;
            if (project != null) {
                project.reportProgressTo(this::logDone);
            }
            settle();
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
