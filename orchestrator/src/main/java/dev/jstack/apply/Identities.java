package dev.jstack.apply;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.List;

/** Resolves a service's {@code user:} against the passwd and group files of the root it will run in. */
@FunctionalInterface
public interface Identities {

    /** Who the process runs as; a null or empty {@code user} is root. */
    Identity resolve(Path rootfs, String user) throws RuntimeFailure;

    /** Resolution against {@code <rootfs>/etc/passwd} and {@code /etc/group}, as Docker does it. */
    static Identities fromRootfs() {
        return (rootfs, user) -> {
            if (user == null || user.isBlank()) {
                return Identity.ROOT;
            }
            dev.jstack.runtime.UserResolver.ResolvedUser u = dev.jstack.runtime.UserResolver.resolve(user, rootfs);
            return new Identity(u.uid(), u.gid(), u.additionalGids());
        };
    }

    /** Numeric ids of the container's init process. */
    record Identity(int uid, int gid, List<Integer> additionalGids) {
        public static final Identity ROOT = new Identity(0, 0, List.of());
    }
}
