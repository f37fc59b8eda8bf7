package dev.jstack.testing;

import dev.jstack.runtime.ContainerRuntime;
import dev.jstack.runtime.ContainerSpec;
import dev.jstack.runtime.ContainerStatus;
import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory OCI runtime: containers are entries that go created -> running -> stopped, with made-up pids.
 * It does not model processes, namespaces, mounts, cgroups, log output, exit codes, signals other than
 * "stops the container", or a container that exits by itself (use {@link #exit}); {@code exec} only records
 * the command. Programs named in {@link #failingPrograms} fail {@code create} with runc's wording;
 * {@link #stateReads} counts the calls of {@code state}, each a read of a state file with runc. Its
 * {@code awaitStopped} is the interface's: it reads the state every 10 ms, in real time.
 */
public final class FakeRuntime implements ContainerRuntime {
    private final Map<String, ContainerStatus> containers = new TreeMap<>();
    private final Map<String, ContainerSpec> specs = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();
    public final List<String> failingPrograms = new ArrayList<>();
    public final AtomicInteger stateReads = new AtomicInteger();
    private int nextPid = 1000;

    @Override
    public synchronized int create(ContainerSpec spec, Path logFile) throws RuntimeFailure {
        return make("create", "created", spec);
    }

    /** As runc's {@code run --detach}: one call, and the container runs. */
    @Override
    public synchronized int run(ContainerSpec spec, Path logFile) throws RuntimeFailure {
        return make("run", "running", spec);
    }

    private int make(String verb, String status, ContainerSpec spec) throws RuntimeFailure {
        calls.add(verb + " " + spec.id());
        String program = spec.process().args().get(0);
        if (failingPrograms.contains(program)) {
            throw new RuntimeFailure("runc " + verb + " " + spec.id() + ": exec: \"" + program
                    + "\": executable file not found in $PATH");
        }
        if (containers.containsKey(spec.id())) {
            throw new RuntimeFailure("runc " + verb + " " + spec.id() + ": container with given ID already exists");
        }
        int pid = nextPid++;
        containers.put(spec.id(), new ContainerStatus(spec.id(), status, pid, spec.bundleDir()));
        specs.put(spec.id(), spec);
        return pid;
    }

    @Override
    public synchronized void start(String id) throws RuntimeFailure {
        calls.add("start " + id);
        ContainerStatus c = require(id);
        containers.put(id, new ContainerStatus(id, "running", c.pid(), c.bundle()));
    }

    @Override
    public synchronized Optional<ContainerStatus> state(String id) {
        stateReads.incrementAndGet();
        return Optional.ofNullable(containers.get(id));
    }

    @Override
    public synchronized List<ContainerStatus> list(String prefix) {
        return containers.values().stream().filter(c -> c.id().startsWith(prefix)).toList();
    }

    @Override
    public synchronized void kill(String id, String signal) throws RuntimeFailure {
        calls.add("kill " + id + " " + signal);
        exit(id);
    }

    @Override
    public synchronized void delete(String id, boolean force) throws RuntimeFailure {
        calls.add("delete " + id);
        ContainerStatus c = require(id);
        if (c.isRunning() && !force) {
            throw new RuntimeFailure("runc delete " + id + ": cannot delete container that is not stopped");
        }
        containers.remove(id);
        specs.remove(id);
    }

    @Override
    public synchronized int exec(String id, List<String> command, boolean tty) throws RuntimeFailure {
        calls.add("exec " + id + " " + String.join(" ", command));
        require(id);
        return 0;
    }

    /** The container's process ends as if by itself. */
    public synchronized void exit(String id) throws RuntimeFailure {
        ContainerStatus c = require(id);
        containers.put(id, new ContainerStatus(id, "stopped", 0, c.bundle()));
    }

    /** The container disappears from the runtime, as after a reboot or a manual {@code runc delete}. */
    public synchronized void vanish(String id) {
        containers.remove(id);
    }

    public synchronized ContainerSpec spec(String id) {
        return specs.get(id);
    }

    private ContainerStatus require(String id) throws RuntimeFailure {
        ContainerStatus c = containers.get(id);
        if (c == null) {
            throw new RuntimeFailure("runc: container " + id + " does not exist");
        }
        return c;
    }
}
