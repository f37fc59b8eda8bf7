package dev.jstack.apply;

import dev.jstack.plan.Action;
import dev.jstack.plan.Netns;
import dev.jstack.runtime.ContainerSpec;
import dev.jstack.runtime.ContainerSpec.MountSpec;
import dev.jstack.runtime.ContainerSpec.ProcessSpec;
import dev.jstack.runtime.ContainerSpec.ResourceSpec;
import dev.jstack.runtime.ContainerSpec.Rlimit;
import dev.jstack.runtime.Defaults;
import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.image.ImageUsers;
import dev.jstack.spec.Mount;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.state.ProjectPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Owns the translation of one planned container into a {@link ContainerSpec}: the process, the namespace to
 * join, the root file system's mount point, the generated /etc files, volumes, limits and privileges. It makes
 * nothing on the host; {@link HostPreparation} does, from the same spec.
 */
public final class Containers {
    static final long CPU_PERIOD = 100_000L;
    private static final List<String> HOST_ROOT_TMPFS = List.of("/tmp", "/run", "/var/tmp");

    private final Stack stack;
    private final ProjectPaths paths;
    private final Identities identities;
    private final ImageLayers images;

    public Containers(Stack stack, ProjectPaths paths, Identities identities) {
        this(stack, paths, identities, ImageLayers.none());
    }

    public Containers(Stack stack, ProjectPaths paths, Identities identities, ImageLayers images) {
        this.stack = stack;
        this.paths = paths;
        this.identities = identities;
        this.images = images;
    }

    /** The layer directories of an image service's root, top first. */
    List<Path> imageLayers(Rootfs.Image image) throws RuntimeFailure {
        return images.layers(image);
    }

    public ContainerSpec spec(Action.CreateContainer create) throws RuntimeFailure {
        Service s = create.config();
        String id = create.container();
        Identities.Identity who = identities.resolve(userRoot(s.rootfs()), s.process().user());
        List<String> args = new ArrayList<>();
        if (s.process().entrypoint() != null) args.addAll(s.process().entrypoint());
        if (s.process().command() != null) args.addAll(s.process().command());
        List<String> env = new ArrayList<>();
        s.process().environment().forEach((k, v) -> env.add(k + "=" + v));
        String cwd = s.process().workingDir() == null || s.process().workingDir().isBlank()
                ? "/" : s.process().workingDir();
        ProcessSpec process = new ProcessSpec(List.copyOf(args), List.copyOf(env), cwd, who.uid(), who.gid(),
                who.additionalGids(), capabilities(s.security()), Defaults.noNewPrivileges(s.security().privileged()),
                rlimits(s.resources()));
        boolean readOnly = s.rootfs() instanceof Rootfs.HostRoot || s.security().readOnly();
        Path root = s.rootfs() instanceof Rootfs.HostRoot ? paths.hostRoot() : paths.rootfsMountPoint(id);
        return new ContainerSpec(id, paths.bundleDir(id), root, readOnly, process,
                hostname(create), create.netns().path() == null ? null : Path.of(create.netns().path()),
                mounts(create), resources(s.resources()), s.security().privileged(), annotations(create));
    }

    /** The hostname set in the container's UTS namespace: its namespace owner's; null keeps the host's. */
    String hostname(Action.CreateContainer create) {
        if (create.netns() instanceof Netns.Host) {
            return blankToNull(create.config().network().hostname());
        }
        Service owner = stack.services().getOrDefault(create.etcOwner(), create.config());
        String declared = blankToNull(owner.network().hostname());
        return declared != null ? declared : owner.name();
    }

    /** The service of this stack named {@code name}. */
    Optional<Service> service(String name) {
        return Optional.ofNullable(stack.services().get(name));
    }

    private List<MountSpec> mounts(Action.CreateContainer create) {
        List<MountSpec> out = new ArrayList<>();
        Service s = create.config();
        if (s.rootfs() instanceof Rootfs.HostRoot) {
            for (String dir : HOST_ROOT_TMPFS) {
                String mode = dir.equals("/run") ? "mode=755" : "mode=1777";
                out.add(new MountSpec(dir, "tmpfs", "tmpfs", List.of("nosuid", "nodev", mode)));
            }
        }
        if (create.netns() instanceof Netns.Host && !s.security().privileged()) {
            // sysfs cannot be mounted anew from the host's network namespace (EBUSY): bind the host's, read-only,
            // as Docker does for --net=host.
            out.add(new MountSpec("/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
        }
        Path etc = paths.etcDir(create.etcOwner());
        for (String file : EtcFiles.NAMES) {
            out.add(new MountSpec("/etc/" + file, "bind", etc.resolve(file).toString(), List.of("rbind", "rprivate")));
        }
        for (Mount m : s.volumes()) {
            out.add(volume(create.container(), m));
        }
        return out;
    }

    private MountSpec volume(String container, Mount m) {
        if (m.type() == Mount.Type.TMPFS) {
            List<String> options = new ArrayList<>(List.of("nosuid", "nodev"));
            if (m.tmpfsSize() > 0) options.add("size=" + m.tmpfsSize());
            if (m.tmpfsMode() >= 0) options.add("mode=" + Integer.toOctalString(m.tmpfsMode()));
            if (m.readOnly()) options.add("ro");
            return new MountSpec(m.target(), "tmpfs", "tmpfs", List.copyOf(options));
        }
        List<String> options = List.of("rbind", "rprivate", m.readOnly() ? "ro" : "rw");
        return new MountSpec(m.target(), "bind", hostSource(container, m).toString(), options);
    }

    /** The host directory behind a bind or volume mount; named volumes live under /var/lib/jstack/volumes. */
    Path hostSource(String container, Mount m) {
        if (m.type() == Mount.Type.BIND) {
            return Path.of(m.source());
        }
        if (m.source() == null || m.source().isBlank()) {
            String name = m.target().replaceAll("[^A-Za-z0-9_.-]", "_");
            return paths.anonymousVolumesDir(container).resolve(name);
        }
        return paths.volumeDir(m.source());
    }

    // An image's users are in the top-most layer that has /etc/passwd: the layers are not merged yet.
    private Path userRoot(Rootfs rootfs) throws RuntimeFailure {
        if (rootfs instanceof Rootfs.Image image) {
            List<Path> layers = images.layers(image);
            return layers.stream().filter(l -> java.nio.file.Files.isRegularFile(l.resolve("etc/passwd")))
                    .findFirst().orElse(layers.get(0));
        }
        return rootfs instanceof Rootfs.Directory dir ? Path.of(dir.path()) : Path.of("/");
    }

    private static List<String> capabilities(Service.Security security) {
        return Defaults.capabilities(security.capAdd(), security.capDrop(), security.privileged());
    }

    private static List<Rlimit> rlimits(Service.Resources resources) {
        List<Rlimit> out = new ArrayList<>();
        if (resources != null && resources.ulimits() != null) {
            resources.ulimits().forEach((name, u) ->
                    out.add(new Rlimit("RLIMIT_" + name.toUpperCase(Locale.ROOT), u.soft(), u.hard())));
        }
        return List.copyOf(out);
    }

    private static ResourceSpec resources(Service.Resources r) {
        if (r == null) {
            return ResourceSpec.NONE;
        }
        Long quota = r.cpus() == null ? null : Math.round(r.cpus() * CPU_PERIOD);
        return new ResourceSpec(r.memLimit(), quota, quota == null ? null : CPU_PERIOD, r.pidsLimit());
    }

    private SortedMap<String, String> annotations(Action.CreateContainer create) {
        SortedMap<String, String> out = new TreeMap<>(Map.of(
                "dev.jstack.project", paths.project(),
                "dev.jstack.service", create.service(),
                "dev.jstack.config-hash", create.hash().value()));
        if (create.config().rootfs() instanceof Rootfs.Image image && image.reference().contains("@")) {
            out.put(ImageUsers.ANNOTATION, image.reference().substring(image.reference().indexOf('@') + 1));
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
