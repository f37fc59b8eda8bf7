package dev.jstack.state;

import java.nio.file.Path;

/**
 * Owns every name and path that one project uses on the host (DESIGN.md §5): the run directory (lock,
 * bundles, records, generated /etc files) under /run/jstack, the container and volume directories under
 * /var/lib/jstack, container ids and namespace pins. The roots are parameters so tests can use a temp dir.
 */
public final class ProjectPaths {
    public static final Path RUN_ROOT = Path.of("/run/jstack");
    public static final Path LIB_ROOT = Path.of("/var/lib/jstack");
    public static final Path NETNS_ROOT = Path.of("/run/netns");

    private final String project;
    private final Path runRoot;
    private final Path libRoot;
    private final Path netnsRoot;

    public ProjectPaths(String project, Path runRoot, Path libRoot, Path netnsRoot) {
        this.project = project;
        this.runRoot = runRoot;
        this.libRoot = libRoot;
        this.netnsRoot = netnsRoot;
    }

    /** The paths of a project on a real host. */
    public static ProjectPaths onHost(String project) {
        return new ProjectPaths(project, RUN_ROOT, LIB_ROOT, NETNS_ROOT);
    }

    public String project() {
        return project;
    }

    /** {@code <project>-<service>-1}, as compose names its containers. */
    public String containerId(String service) {
        return project + "-" + service + "-1";
    }

    /** The prefix every container id of this project starts with (other projects may share it: check the bundle). */
    public String containerPrefix() {
        return project + "-";
    }

    /** The name of the pin of the namespace that {@code owner} owns, as {@code ip netns list} shows it. */
    public String pinName(String owner) {
        return pinPrefix() + owner;
    }

    public String pinPrefix() {
        return "jstack-" + project + "-";
    }

    public Path pin(String owner) {
        return netnsRoot.resolve(pinName(owner));
    }

    public Path netnsRoot() {
        return netnsRoot;
    }

    public Path runDir() {
        return runRoot.resolve(project);
    }

    public Path lockFile() {
        return runDir().resolve("lock");
    }

    public Path bundlesDir() {
        return runDir().resolve("bundles");
    }

    public Path bundleDir(String container) {
        return bundlesDir().resolve(container);
    }

    /** Where the container's root file system is mounted; runc is given this path. */
    public Path rootfsMountPoint(String container) {
        return bundleDir(container).resolve("rootfs");
    }

    /** The project's one read-only bind of the host's root, the root of all its {@code rootfs: host} containers. */
    public Path hostRoot() {
        return runDir().resolve("hostroot");
    }

    public Path recordsDir() {
        return runDir().resolve("records");
    }

    public Path containerRecord(String container) {
        return recordsDir().resolve(container + ".json");
    }

    public Path pinRecordsDir() {
        return recordsDir().resolve("pins");
    }

    public Path pinRecord(String owner) {
        return pinRecordsDir().resolve(owner + ".json");
    }

    /** The generated hostname, hosts and resolv.conf of one namespace owner, shared by its joiners. */
    public Path etcDir(String owner) {
        return runDir().resolve("etc").resolve(owner);
    }

    /** Everything of one container that outlives jstack's process: upper and work dirs, anonymous volumes. */
    public Path containerDir(String container) {
        return libRoot.resolve("containers").resolve(container);
    }

    public Path upperDir(String container) {
        return containerDir(container).resolve("upper");
    }

    public Path workDir(String container) {
        return containerDir(container).resolve("work");
    }

    /** Anonymous volumes of one container: removed with it, as {@code docker rm -v} does. */
    public Path anonymousVolumesDir(String container) {
        return containerDir(container).resolve("anon");
    }

    /**
     * What the container's processes write, in one directory for all containers: a container's own directories are
     * made only where it has something to keep there (an upper dir, anonymous volumes), since on a file system
     * without a journal every new inode is paid for by passing over the ones freed in the last minutes.
     */
    public Path logFile(String container) {
        return libRoot.resolve("logs").resolve(container + ".log");
    }

    /**
     * Where the container's output is to be read: its log, or for a container that an earlier jstack created and
     * that still runs, the log that one made in the container's own directory (removed with that directory).
     */
    public Path readableLogFile(String container) {
        Path log = logFile(container);
        Path earlier = containerDir(container).resolve("log").resolve(container + ".log");
        return !java.nio.file.Files.exists(log) && java.nio.file.Files.exists(earlier) ? earlier : log;
    }

    /** The directory of the project's supervisor: its pid file, socket, launch and status files. */
    public Path supervisorDir() {
        return runDir().resolve("supervisor");
    }

    /** Where the project's supervisor writes what it says: it outlives the run directory's tmpfs only by design. */
    public Path supervisorLog() {
        return libRoot.resolve("supervisors").resolve(project + ".log");
    }

    public Path volumesRoot() {
        return libRoot.resolve("volumes");
    }

    /** A named volume's directory: {@code <project>_<volume>}, as compose names them. */
    public Path volumeDir(String volume) {
        return volumesRoot().resolve(project + "_" + volume);
    }
}
