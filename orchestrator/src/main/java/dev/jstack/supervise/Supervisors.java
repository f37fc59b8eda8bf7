package dev.jstack.supervise;

import dev.jstack.runtime.ProcStat;
import dev.jstack.state.JsonDocuments;
import dev.jstack.state.ProjectLock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The commands' side of a project's one supervisor: finds it (pid file, a live process whose command line says
 * so, an answer on the socket), starts it detached when it is wanted but gone, and stops it (over the socket,
 * then by pid). A supervisor is wanted from the first {@code up -d} until {@code down}: its launch file says so.
 */
public final class Supervisors {
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    /**
     * A supervisor asked to stop ends within milliseconds (at rest, its JVM only exits); each look is a read of its
     * /proc stat file. At 50 ms, one {@code down} in three waited most of a poll for a supervisor long gone.
     */
    private static final long STOP_POLL_MILLIS = 5;
    /** A new supervisor answers about 0.2 s after its JVM starts; each ping that finds no socket costs nothing. */
    private static final long START_POLL_MILLIS = 10;

    /**
     * How to start the supervisor: the working directory and the whole command line. Its file is one line of
     * JSON, {@code {"cwd":...,"command":[...]}}, read and written as plain values ({@link JsonDocuments}).
     */
    public record Launch(String cwd, List<String> command) {
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cwd", cwd);
            out.put("command", command);
            return out;
        }

        static Launch of(Map<String, Object> json) throws IOException {
            return new Launch(JsonDocuments.string(json, "cwd"), JsonDocuments.strings(json, "command"));
        }
    }

    private final SupervisorFiles files;

    public Supervisors(SupervisorFiles files) {
        this.files = files;
    }

    public SupervisorFiles files() {
        return files;
    }

    /**
     * Starts the supervisor in the process that asks, instead of as a process of its own; says whether it did.
     * Either way, what runs is the supervisor that {@code launch} starts: the same arguments, the same socket.
     */
    @FunctionalInterface
    public interface InProcess {
        /** Never: the supervisor is always a process of its own. */
        InProcess NEVER = launch -> false;

        boolean start(Launch launch) throws IOException;
    }

    /** The pid of the project's supervisor when it is alive, else 0. */
    public int alive() {
        PidFile recorded = readPid();
        return recorded.pid() > 0 && recorded.names(() -> commandLine(recorded.pid())) ? recorded.pid() : 0;
    }

    /** The supervisor started by {@code launch}, started (again) when it is gone or was started differently. */
    public SupervisorClient ensure(Launch launch, Consumer<String> notice) throws IOException {
        return ensure(launch, notice, InProcess.NEVER);
    }

    /** As {@link #ensure(Launch, Consumer)}, starting it through {@code here} where that can. */
    public SupervisorClient ensure(Launch launch, Consumer<String> notice, InProcess here) throws IOException {
        if (runsAs(launch)) {
            return client();
        }
        stop(notice);
        JsonDocuments.replace(files.launch(), launch.json(), false);
        return start(launch, here);
    }

    /** The words of the live supervisor's command line; empty when none runs. */
    public List<String> commandLine() {
        PidFile recorded = readPid();
        List<String> words = recorded.pid() > 0 ? commandLine(recorded.pid()) : List.of();
        return recorded.names(() -> words) ? words : List.of();
    }

    /** Whether the project's supervisor runs as {@code launch} would start it, and answers (awake or at rest). */
    public boolean runsAs(Launch launch) {
        return alive() > 0 && recordedLaunch().equals(Optional.of(launch)) && client().ping() > 0;
    }

    /**
     * When a supervisor is wanted but gone (killed) or does not answer on its socket, starts a new one, which
     * adopts the running containers. {@code lockFile} is the project's lock: see {@link #revive}.
     */
    public void reviveIfGone(Path lockFile, Consumer<String> notice) throws IOException {
        revive(lockFile, true, notice);
    }

    /**
     * As {@link #reviveIfGone}, judged from the pid file and /proc alone, without a request on the socket: for
     * commands that must stay quick ({@code logs}, {@code exec}). A supervisor that lives but does not answer is
     * left to the next command that talks to it.
     */
    public void reviveIfDead(Path lockFile, Consumer<String> notice) throws IOException {
        revive(lockFile, false, notice);
    }

    // Only while nothing holds the project's lock, and checked again under it: two revivals at once, or one during
    // up -d's own start of the supervisor, would leave two. A holder either starts or ends the supervisor itself
    // (up -d, start, restart, down) or leaves the revival to the next command.
    private void revive(Path lockFile, boolean ask, Consumer<String> notice) throws IOException {
        if (recordedLaunch().isEmpty() || !gone(ask)) {
            return;
        }
        Optional<ProjectLock> lock = ProjectLock.tryAcquire(lockFile);
        if (lock.isEmpty()) {
            return;
        }
        try (ProjectLock held = lock.get()) {
            Optional<Launch> launch = recordedLaunch();
            if (launch.isEmpty() || !gone(ask)) {
                return;
            }
            notice.accept("the supervisor of project " + files.project() + " is gone; starting a new one");
            stop(notice);
            start(launch.get(), InProcess.NEVER);
        }
    }

    private boolean gone(boolean ask) {
        return alive() == 0 || (ask && client().ping() == 0);
    }

    /** Stops the supervisor: asks over the socket, then kills it by pid. */
    public void stop(Consumer<String> notice) throws IOException {
        int pid = alive();
        if (pid > 0) {
            // Taken before the request: once the supervisor has ended and been reaped, its pid may be another's.
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            long start = ProcStat.of(pid).map(ProcStat::startTime).orElse(-1L);
            try {
                client().send("stop", line -> { });
            } catch (IOException e) {
                notice.accept("the supervisor (pid " + pid + ") does not answer; killing it");
            }
            handle.ifPresent(p -> {
                if (!waitFor(() -> ended(p, start), STOP_LIMIT, STOP_POLL_MILLIS)) {
                    p.destroyForcibly();
                    waitFor(() -> ended(p, start), STOP_LIMIT, STOP_POLL_MILLIS);
                }
            });
        }
        Files.deleteIfExists(files.pidFile());
        Files.deleteIfExists(files.socket());
    }

    /** Forgets the supervisor altogether, as {@code down} does once it is stopped. */
    public void forget() throws IOException {
        Files.deleteIfExists(files.launch());
        Files.deleteIfExists(files.status());
        Files.deleteIfExists(files.log());
        Files.deleteIfExists(files.stopped());
        Files.deleteIfExists(files.restState());
        Files.deleteIfExists(files.stackSnapshot());
    }

    public SupervisorClient client() {
        return new SupervisorClient(files.socket());
    }

    private SupervisorClient start(Launch launch, InProcess here) throws IOException {
        Files.createDirectories(files.log().getParent());
        Files.deleteIfExists(files.pidFile());
        if (here.start(launch)) {
            return client();
        }
        ProcessBuilder builder = new ProcessBuilder(detached(launch.command())).directory(new File(launch.cwd()))
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectErrorStream(true);
        // glibc gives each thread that allocates an arena of its own, and keeps what they held: the supervisor's
        // few threads share two, which keeps native memory that stays resident small.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.start();
        SupervisorClient client = client();
        if (!waitFor(() -> client.ping() > 0, START_LIMIT, START_POLL_MILLIS)) {
            throw new IOException("the supervisor of project " + files.project() + " did not start within "
                    + START_LIMIT.toSeconds() + " s; see " + files.log());
        }
        return client;
    }

    /*
     * The supervisor is started by a shell that puts it in the background and exits at once. Started directly, it
     * would be this command's child, and the JDK's thread that waits for the child would still sit in waitpid when
     * the command ends: a JVM that exits waits up to 300 ms for every thread in a native call, which was most of the
     * time between the supervisor's answer and the end of a cold up -d.
     */
    static List<String> detached(List<String> command) {
        List<String> words = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" &", "jstack-supervisor"));
        words.addAll(command);
        return words;
    }

    private Optional<Launch> recordedLaunch() {
        try {
            return Files.isRegularFile(files.launch())
                    ? Optional.of(Launch.of(JsonDocuments.object(JsonDocuments.read(files.launch()), "the launch")))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private PidFile readPid() {
        try {
            return PidFile.parse(Files.readString(files.pidFile(), StandardCharsets.US_ASCII), files.project());
        } catch (IOException e) {
            return PidFile.NONE;
        }
    }

    /** The pid file's line for the supervisor {@code pid}: see {@link PidFile}. */
    public static String pidLine(long pid) {
        return pid + ProcStat.of((int) pid).map(s -> " " + s.startTime()).orElse("") + "\n";
    }

    /**
     * What the supervisor's pid file says: its pid and, since the supervisor may run in the process of the command
     * that started it (whose command line does not name it), the process's start time. A pid can be reused: the
     * process counts when it started at that time, or, for a file without one, when its command line names this
     * project's supervisor.
     */
    record PidFile(int pid, long startTime, String project) {
        static final PidFile NONE = new PidFile(0, -1, "");

        static PidFile parse(String text, String project) {
            String[] fields = text.trim().split(" ");
            try {
                return new PidFile(Integer.parseInt(fields[0]), fields.length > 1 ? Long.parseLong(fields[1]) : -1,
                        project);
            } catch (NumberFormatException e) {
                return NONE;
            }
        }

        /** Whether the file names a live process: {@code commandLine} is read only for a file without a start. */
        boolean names(Supplier<List<String>> commandLine) {
            if (startTime >= 0) {
                return ProcStat.of(pid).map(s -> !s.ended() && s.startTime() == startTime).orElse(false);
            }
            List<String> words = commandLine.get();
            return words.contains("supervise") && words.contains(project);
        }
    }

    /**
     * Whether process {@code p}, which started at {@code start} (/proc's clock ticks; negative when unknown), has
     * ended: gone, or a zombie. The supervisor is no child of the command that stops it, and what reaps it may take
     * its time (an init that reaps once a second made every {@code down} wait that long); {@link ProcessHandle#isAlive}
     * counts a zombie as alive. The handle itself knows the process's start, so a pid taken by another process
     * reads as ended there.
     */
    static boolean ended(ProcessHandle p, long start) {
        return !p.isAlive() || ProcStat.of((int) p.pid())
                .map(s -> s.ended() || (start >= 0 && s.startTime() != start)).orElse(true);
    }

    /** The words of a process's command line, read from /proc; empty when it is gone. */
    public static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration limit, long pollMillis) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
