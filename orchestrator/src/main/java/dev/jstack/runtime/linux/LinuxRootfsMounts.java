package dev.jstack.runtime.linux;

import static dev.jstack.runtime.linux.MountFlags.MS_BIND;
import static dev.jstack.runtime.linux.MountFlags.MS_PRIVATE;
import static dev.jstack.runtime.linux.MountFlags.MS_RDONLY;
import static dev.jstack.runtime.linux.MountFlags.MS_REC;
import static dev.jstack.runtime.linux.MountFlags.MS_REMOUNT;
import static dev.jstack.runtime.linux.MountFlags.MS_UNBINDABLE;

import dev.jstack.runtime.RootfsMounts;
import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Owns the host-side mounts under a container's root directory (DESIGN.md §4): the host's root bound read-only,
 * or an overlay of image layers, and their removal.
 * <p>
 * Every root sits on a base mount: the target bound onto itself and made unbindable. A recursive bind of the
 * host's root skips unbindable mounts with everything below them, so a second container's copy of the host's
 * root does not copy the first container's root; without the base each new copy would hold all earlier ones
 * and the number of mounts would double with every container.
 */
public final class LinuxRootfsMounts implements RootfsMounts {
    /** The kernel takes mount options of at most one page, its terminating NUL included. */
    static final int MAX_MOUNT_DATA = 4095;
    private static final Pattern RUNTIME_BINARY_FILE = Pattern.compile("runc\\.[A-Za-z0-9]{6}");

    private static volatile boolean mountSetattrMissing;
    private final boolean useMountSetattr;

    public LinuxRootfsMounts() {
        this(true);
    }

    /** {@code useMountSetattr} false takes the path of kernels before 5.12, so that tests can prove it. */
    LinuxRootfsMounts(boolean useMountSetattr) {
        this.useMountSetattr = useMountSetattr;
    }

    @Override
    public void mountHostRoot(Path target) throws RuntimeFailure {
        String root = mountBase(target);
        try {
            Syscalls.mount("/", root, null, MS_BIND | MS_REC, null);
            makeReadOnlyAndPrivate(root);
            // Namespace files (pins) in the copy would keep their namespaces alive, and an unlink of a pin fails
            // while a copy is mounted on it in this mount namespace. The same holds for runc's own binary, which
            // runc 1.1 binds for a moment onto a file runc.XXXXXX in a container's state directory: a copy left
            // that file busy, and with it the state directory that the container's delete could not remove.
            MountTrees.unmountMatching(root, m -> m.fsType().equals("nsfs") || isRuntimeBinaryCopy(m));
        } catch (RuntimeFailure | RuntimeException e) {
            undo(target, e);
            throw e;
        }
    }

    /** A bind of an OCI runtime's binary onto its temporary file {@code runc.XXXXXX} (mkstemp's six characters). */
    static boolean isRuntimeBinaryCopy(MountInfo mount) {
        Path name = Path.of(mount.mountPoint()).getFileName();
        return name != null && RUNTIME_BINARY_FILE.matcher(name.toString()).matches();
    }

    @Override
    public boolean hasHostRoot(Path target) throws RuntimeFailure {
        String root = canonical(target);
        return isCompleteHostRoot(MountInfo.readAtOrBelow(root), root);
    }

    /**
     * Whether {@code mounts} (those at or below {@code root}) are a finished {@link #mountHostRoot}: the unbindable
     * base, a read-only bind on it, and every mount above the base read-only, not shared and no pin.
     */
    static boolean isCompleteHostRoot(List<MountInfo> mounts, String root) {
        List<MountInfo> atRoot = mounts.stream().filter(m -> m.mountPoint().equals(root)).toList();
        boolean based = atRoot.stream().anyMatch(m -> m.optionalFields().contains("unbindable"));
        boolean bound = atRoot.stream().anyMatch(m -> m.options().contains("ro")
                && !m.optionalFields().contains("unbindable"));
        return based && bound && mounts.stream().filter(m -> !m.optionalFields().contains("unbindable"))
                .allMatch(m -> m.options().contains("ro") && !m.fsType().equals("nsfs") && !isRuntimeBinaryCopy(m)
                        && m.optionalFields().stream().noneMatch(f -> f.startsWith("shared:")));
    }

    @Override
    public void mountOverlay(List<Path> lowerDirs, Path upper, Path work, Path target) throws RuntimeFailure {
        String data = overlayOptions(lowerDirs, upper, work);
        createDirectories(upper);
        createDirectories(work);
        String root = mountBase(target);
        try {
            Syscalls.mount("overlay", root, "overlay", 0, data);
        } catch (RuntimeFailure | RuntimeException e) {
            undo(target, e);
            throw e;
        }
    }

    @Override
    public void unmountAll(Path target) throws RuntimeFailure {
        MountTrees.unmountAll(canonical(target));
    }

    /**
     * The options of an overlay mount, lower layers top first. overlayfs splits its options at ',' and its
     * lower layers at ':', and treats '\' as an escape: paths holding them are refused rather than escaped.
     */
    static String overlayOptions(List<Path> lowerDirs, Path upper, Path work) throws RuntimeFailure {
        if (lowerDirs.isEmpty()) {
            throw new RuntimeFailure("an overlay needs at least one lower directory");
        }
        List<String> lowers = lowerDirs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        for (Path path : concat(lowerDirs, upper, work)) {
            String s = path.toString();
            if (s.contains(",") || s.contains(":") || s.contains("\\")) {
                throw new RuntimeFailure("cannot use " + s + " in an overlay: overlayfs reads ',', ':' and '\\' in"
                        + " its options as separators; rename the directory");
            }
        }
        String data = "lowerdir=" + String.join(":", lowers) + ",upperdir=" + upper.toAbsolutePath().normalize()
                + ",workdir=" + work.toAbsolutePath().normalize();
        int size = data.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_MOUNT_DATA) {
            throw new RuntimeFailure("the overlay options take " + size + " bytes, more than the kernel's "
                    + MAX_MOUNT_DATA + ": use fewer layers or shorter directory names");
        }
        return data;
    }

    private static List<Path> concat(List<Path> lowerDirs, Path upper, Path work) {
        return Stream.concat(lowerDirs.stream(), Stream.of(upper, work)).toList();
    }

    /** Creates the target and its unbindable base mount; a target that already holds mounts is refused. */
    private static String mountBase(Path target) throws RuntimeFailure {
        createDirectories(target);
        String root = canonical(target);
        List<MountInfo> present = MountInfo.readAtOrBelow(root);
        if (!present.isEmpty()) {
            throw new RuntimeFailure(root + " is already mounted (" + present.size() + " mounts): unmount it first");
        }
        Syscalls.mount(root, root, null, MS_BIND, null);
        try {
            Syscalls.mount("", root, null, MS_UNBINDABLE, null);
        } catch (RuntimeFailure | RuntimeException e) {
            MountTrees.unmountIfMounted(root);
            throw e;
        }
        return root;
    }

    /** Read-only everywhere below {@code root}, and private, so that nothing propagates back to the host. */
    private void makeReadOnlyAndPrivate(String root) throws RuntimeFailure {
        if (useMountSetattr && !mountSetattrMissing) {
            try {
                Syscalls.mountSetattr(root, Syscalls.AT_RECURSIVE, MountAttr.readOnly(MS_PRIVATE));
                return;
            } catch (SyscallFailure e) {
                if (e.errno() != SyscallFailure.ENOSYS) {
                    throw e;
                }
                mountSetattrMissing = true;
            }
        }
        Syscalls.mount("", root, null, MS_REC | MS_PRIVATE, null);
        // Parents before children, as mountinfo lists them; a remount reaches the top mount of a stacked point,
        // and the mounts it covers cannot be reached below root at all.
        for (MountInfo mount : MountInfo.read()) {
            if (mount.isAtOrBelow(root)) {
                Syscalls.mount("", mount.mountPoint(), null,
                        MS_REMOUNT | MS_BIND | MS_RDONLY | mount.perMountFlags(), null);
            }
        }
    }

    private void undo(Path target, Exception cause) {
        try {
            unmountAll(target);
        } catch (RuntimeFailure | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The path as mountinfo prints it: absolute, without symlinks; / itself is never a container's root. */
    private static String canonical(Path target) throws RuntimeFailure {
        Path path = target.toAbsolutePath().normalize();
        try {
            path = path.toRealPath();
        } catch (IOException e) {
            // not there (yet): nothing can be mounted on it, and the normalized path is what will be created
        }
        if (path.getParent() == null) {
            throw new RuntimeFailure("refusing to use " + path + " as a container's root directory");
        }
        return path.toString();
    }

    private static void createDirectories(Path dir) throws RuntimeFailure {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RuntimeFailure("mkdir " + dir + ": " + SyscallFailure.reason(e), e);
        }
    }
}
