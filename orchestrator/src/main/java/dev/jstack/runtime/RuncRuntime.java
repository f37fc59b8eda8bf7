package dev.jstack.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Owns the calls to an OCI runtime's command line (runc by default, crun by choice), as containerd and Podman
 * make them. Every call passes {@code --log FILE --log-format json}, so that a failure carries the runtime's own
 * message even when its stderr is the container's log; FILE is the runtime's own stderr where jstack reads that.
 */
public final class RuncRuntime implements ContainerRuntime {

    /** The runtime used when none is chosen. */
    public static final String DEFAULT = "runc";

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String PID_FILE = "init.pid";
    /**
     * The runtime's log of a creation, in the container's bundle rather than in /tmp: a creation cut short (kill -9
     * of the process that runs it) leaves it where the container's removal deletes it.
     */
    private static final String CREATION_LOG = "runtime.log";
    /** The calls that answer nothing but errors and leave no process of theirs behind. */
    private static final Set<String> BRIEF = Set.of("kill", "delete", "start");
    /** The runtime's own stderr, as a path it can open for its log. */
    private static final Path OWN_STDERR = Path.of("/proc/self/fd/2");

    // Built on first use: the commands that only read runc's state files never parse an answer of its CLI, and the
    // first ObjectMapper of a process costs it tens of milliseconds.
    private static final class Answers {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private final String binary;
    private final Path stateRoot;
    private final BundleWriter writer = new BundleWriter();
    private final RuncStateFiles stateFiles;
    private final RuncInits inits;
    private final RuncRemovals removals;

    /** runc with its own default state root. */
    public RuncRuntime() {
        this(DEFAULT, null);
    }

    /**
     * @param binary    the runtime's program ("runc", "crun" or a path)
     * @param stateRoot the runtime's {@code --root}, or null for the runtime's default
     */
    public RuncRuntime(String binary, Path stateRoot) {
        this(binary, stateRoot, InitSignals.NONE);
    }

    /**
     * @param signals how a running container's init is signalled and awaited without a call of the runtime, for
     *                runc, whose state files name the init; every other case goes through the runtime's CLI
     */
    public RuncRuntime(String binary, Path stateRoot, InitSignals signals) {
        this.binary = binary;
        this.stateRoot = stateRoot;
        // runc's state files are read directly; other runtimes keep their own layout and are asked by CLI.
        this.stateFiles = Path.of(binary).getFileName().toString().equals(DEFAULT)
                ? new RuncStateFiles(stateRoot != null ? stateRoot : Path.of("/run/runc")) : null;
        this.inits = new RuncInits(stateFiles, signals);
        this.removals = new RuncRemovals(stateFiles);
    }

    @Override
    public int create(ContainerSpec spec, Path logFile) throws RuntimeFailure {
        return launch("create", List.of(), spec, logFile);
    }

    // One process instead of two; the init is handed to the caller's subreaper as create's is.
    @Override
    public int run(ContainerSpec spec, Path logFile) throws RuntimeFailure {
        return launch("run", List.of("--detach"), spec, logFile);
    }

    private int launch(String verb, List<String> flags, ContainerSpec spec, Path logFile) throws RuntimeFailure {
        if (stateFiles != null && stateFiles.fileless(spec.id())) {
            // A creation or removal cut short (kill -9) between the state directory and its file: runc cannot load
            // such a container, yet its directory keeps the id taken ("container with given ID already exists")
            // until runc's forced delete removes it, as that delete does for exactly this case.
            delete(spec.id(), true);
        }
        writer.write(spec);
        // runc's state file records the init's pid and keeps it once the init has ended: a pid file would be one
        // more inode per container. Another runtime, whose state jstack does not read, writes one in the bundle.
        Path pidFile = stateFiles == null ? spec.bundleDir().resolve(PID_FILE) : null;
        try {
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new RuntimeFailure(label(verb, spec.id()) + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("--bundle", spec.bundleDir().toString()));
        if (pidFile != null) {
            args.addAll(List.of("--pid-file", pidFile.toString()));
        }
        args.add(spec.id());
        // The container inherits runc's stdout and stderr: appending to the log file directly means its
        // output lands there with no process of jstack's in between, and nothing to keep a pipe open.
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        withRuntimeLog(verb, spec.id(), spec.bundleDir().resolve(CREATION_LOG), runtimeLog -> {
            ProcessBuilder builder = new ProcessBuilder(argv(runtimeLog, verb, args.toArray(String[]::new)))
                    .redirectInput(new File("/dev/null")).redirectOutput(log).redirectError(log);
            int code = Commands.run(label(verb, spec.id()), builder, CREATE_TIMEOUT);
            String error = code == 0 ? "" : RuntimeErrors.message(read(runtimeLog), "", code);
            return new Outcome(label(verb, spec.id()), code, "", error);
        }).orFail();
        if (pidFile != null) {
            return readPid(pidFile, verb, spec.id());
        }
        OptionalInt recorded = stateFiles.initPid(spec.id());
        if (recorded.isPresent()) {
            return recorded.getAsInt();
        }
        // A state file jstack cannot read (a layout of another runc version): runc's own answer.
        Outcome outcome = call("state", spec.id(), List.of(spec.id())).orFail();
        int pid = parse(outcome.stdout(), "state", spec.id()).path("pid").asInt(0);
        if (pid <= 0) {
            throw new RuntimeFailure(label(verb, spec.id()) + ": runc reports no init pid for the container");
        }
        return pid;
    }

    @Override
    public OptionalInt initPid(String id) {
        return stateFiles == null ? OptionalInt.empty() : stateFiles.initPid(id);
    }

    @Override
    public void start(String id) throws RuntimeFailure {
        call("start", id, List.of(id)).orFail();
    }

    @Override
    public Optional<ContainerStatus> state(String id) throws RuntimeFailure {
        RuncStateFiles.Answer answer = stateFiles == null ? RuncStateFiles.Answer.UNKNOWN : stateFiles.state(id);
        if (answer.known()) {
            return answer.status();
        }
        Outcome outcome = call("state", id, List.of(id));
        if (outcome.exitCode() != 0 && RuntimeErrors.isUnknownContainer(outcome.error())) {
            return Optional.empty();
        }
        return Optional.of(status(parse(outcome.orFail().stdout(), "state", id), "state", id));
    }

    @Override
    public List<ContainerStatus> list(String prefix) throws RuntimeFailure {
        Optional<List<ContainerStatus>> fromFiles = stateFiles == null ? Optional.empty() : stateFiles.list(prefix);
        if (fromFiles.isPresent()) {
            return fromFiles.get();
        }
        JsonNode all = parse(listing().orFail().stdout(), "list", null);
        List<ContainerStatus> result = new ArrayList<>();
        for (JsonNode entry : all) {
            if (entry.path("id").asText("").startsWith(prefix)) {
                result.add(status(entry, "list", null));
            }
        }
        result.sort(Comparator.comparing(ContainerStatus::id));
        return List.copyOf(result);
    }

    // runc 1.1 lists by reading every container's state directory, and fails when one of them (any project's,
    // any user's) is deleted between its readdir and its stat; that is a race with others, so it is tried again.
    private Outcome listing() throws RuntimeFailure {
        Outcome outcome = call("list", null, List.of("--format", "json"));
        for (int attempt = 1; attempt < LIST_ATTEMPTS && outcome.exitCode() != 0
                && outcome.error().contains("no such file or directory"); attempt++) {
            outcome = call("list", null, List.of("--format", "json"));
        }
        return outcome;
    }

    /**
     * A running container's init is signalled by jstack itself ({@link RuncInits}): one process less for each
     * container a {@code down} stops. Everything else goes to runc's {@code kill}, with the signal's number, as
     * runc knows no name beyond the first 31 signals.
     */
    @Override
    public void kill(String id, String signal) throws RuntimeFailure {
        OptionalInt number = Signals.number(signal);
        if (number.isPresent() && inits.signal(id, number.getAsInt())) {
            return;
        }
        String argument = number.isPresent() ? Integer.toString(number.getAsInt()) : signal;
        call("kill", id, List.of(id, argument)).orFail();
    }

    /** Waits for a running init to end (a pidfd turns readable) rather than reading the state every 10 ms. */
    @Override
    public boolean awaitStopped(String id, Duration limit) throws RuntimeFailure {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<Boolean> ended = inits.awaitEnd(id, limit);
        if (ended.isPresent()) {
            return ended.get();
        }
        return ContainerRuntime.super.awaitStopped(id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * A stopped runc container whose state file shows nothing to undo but its cgroups and its state directory is
     * removed by jstack itself ({@link RuncRemovals}): one process less for each container a {@code down} removes.
     * Everything else goes to runc's {@code delete}.
     */
    @Override
    public void delete(String id, boolean force) throws RuntimeFailure {
        if (!removals.remove(id)) {
            // A removal of jstack's that went as far as the state file leaves a directory runc cannot load: only
            // its forced delete removes that without an error.
            boolean forced = force || stateFiles != null && stateFiles.fileless(id);
            call("delete", id, forced ? List.of("--force", id) : List.of(id)).orFail();
        }
        if (stateFiles != null) {
            stateFiles.forget(id);
        }
    }

    @Override
    public int exec(String id, List<String> command, boolean tty) throws RuntimeFailure {
        List<String> args = new ArrayList<>();
        if (tty) {
            args.add("-t");
        }
        args.add(id);
        args.addAll(command);
        Outcome outcome = withRuntimeLog("exec", id, runtimeLog -> {
            ProcessBuilder builder = new ProcessBuilder(argv(runtimeLog, "exec", args.toArray(String[]::new)))
                    .inheritIO();
            int code = Commands.runToEnd(label("exec", id), builder);
            // A command's own non-zero status leaves no error in the runtime's log; the runtime's failures do.
            String error = RuntimeErrors.loggedError(read(runtimeLog)).orElse("");
            return new Outcome(label("exec", id), code, "", error);
        });
        if (!outcome.error().isEmpty()) {
            throw new RuntimeFailure(outcome.label() + ": " + outcome.error());
        }
        return outcome.exitCode();
    }

    @Override
    public int probe(String id, List<String> command, Duration timeout) throws RuntimeFailure {
        List<String> args = new ArrayList<>(List.of(id));
        args.addAll(command);
        return withRuntimeLog("exec", id, runtimeLog -> {
            Commands.Result result = Commands.run(label("exec", id),
                    argv(runtimeLog, "exec", args.toArray(String[]::new)), timeout);
            return new Outcome(label("exec", id), result.exitCode(), result.stdout(), "");
        }).exitCode();
    }

    /** The result of one call: its exit code, its stdout, the runtime's error (empty on success). */
    private static final int LIST_ATTEMPTS = 5;

    private record Outcome(String label, int exitCode, String stdout, String error) {
        Outcome orFail() throws RuntimeFailure {
            if (exitCode != 0) {
                throw new RuntimeFailure(label + ": " + error);
            }
            return this;
        }
    }

    @FunctionalInterface
    private interface LoggedCall {
        Outcome run(Path runtimeLog) throws RuntimeFailure;
    }

    /*
     * A call whose output jstack reads logs to its own stderr, which is read anyway, and the runtime's JSON lines
     * still carry its message. The calls that answer nothing on stdout (kill, delete, start: two for each container
     * in a down) write through a pipe; state and list, whose answer can be long, into files. No file is made and
     * removed for the brief ones, three for each before.
     */
    private Outcome call(String verb, String id, List<String> args) throws RuntimeFailure {
        List<String> argv = argv(OWN_STDERR, verb, args.toArray(String[]::new));
        Commands.Result result = BRIEF.contains(verb) ? Commands.runBrief(label(verb, id), argv, CALL_TIMEOUT)
                : Commands.run(label(verb, id), argv, CALL_TIMEOUT);
        String error = result.exitCode() == 0 ? ""
                : RuntimeErrors.message(result.stderr(), result.stderr(), result.exitCode());
        return new Outcome(label(verb, id), result.exitCode(), result.stdout(), error);
    }

    /** Runs one call with a fresh runtime log file, removed afterwards. */
    private Outcome withRuntimeLog(String verb, String id, LoggedCall call) throws RuntimeFailure {
        Path runtimeLog;
        try {
            runtimeLog = Files.createTempFile("jstack-" + verb, ".log");
        } catch (IOException e) {
            throw new RuntimeFailure(label(verb, id) + ": " + e.getMessage(), e);
        }
        return withRuntimeLog(runtimeLog, call);
    }

    /** As {@link #withRuntimeLog(String, String, LoggedCall)}, with the log at {@code at}, emptied first. */
    private Outcome withRuntimeLog(String verb, String id, Path at, LoggedCall call) throws RuntimeFailure {
        try {
            Files.deleteIfExists(at);
        } catch (IOException e) {
            throw new RuntimeFailure(label(verb, id) + ": " + e.getMessage(), e);
        }
        return withRuntimeLog(at, call);
    }

    private static Outcome withRuntimeLog(Path runtimeLog, LoggedCall call) throws RuntimeFailure {
        try {
            return call.run(runtimeLog);
        } finally {
            runtimeLog.toFile().delete();
        }
    }

    private List<String> argv(Path runtimeLog, String verb, String... args) {
        List<String> argv = new ArrayList<>(List.of(binary));
        if (stateRoot != null) {
            argv.add("--root");
            argv.add(stateRoot.toString());
        }
        argv.addAll(List.of("--log", runtimeLog.toString(), "--log-format", "json", verb));
        argv.addAll(List.of(args));
        return argv;
    }

    private String label(String verb, String id) {
        return id == null ? binary + " " + verb : binary + " " + verb + " " + id;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private int readPid(Path pidFile, String verb, String id) throws RuntimeFailure {
        try {
            return Integer.parseInt(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            throw new RuntimeFailure(label(verb, id) + ": no pid in " + pidFile + ": " + e.getMessage(), e);
        }
    }

    private JsonNode parse(String json, String verb, String id) throws RuntimeFailure {
        try {
            return Answers.JSON.readTree(json.isBlank() ? "null" : json);
        } catch (IOException e) {
            throw new RuntimeFailure(label(verb, id) + ": unreadable answer: " + e.getMessage(), e);
        }
    }

    private ContainerStatus status(JsonNode node, String verb, String id) throws RuntimeFailure {
        if (!node.hasNonNull("id") || !node.hasNonNull("status")) {
            throw new RuntimeFailure(label(verb, id) + ": answer without id or status: " + node);
        }
        String bundle = node.path("bundle").asText("");
        return new ContainerStatus(node.get("id").asText(), node.get("status").asText(), node.path("pid").asInt(0),
                bundle.isEmpty() ? null : Path.of(bundle));
    }
}
