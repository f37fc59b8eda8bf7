package dev.jstack.apply;

import dev.jstack.plan.Netns;
import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, after a container started, that its init process sits in the network namespace its mode requires:
 * the host's ({@code /proc/1/ns/net}), its pin, or its {@code ns:PATH}. The kernel's inode numbers decide.
 */
@FunctionalInterface
public interface NetnsVerifier {

    void verify(String container, int pid, Netns netns) throws RuntimeFailure;

    /** The real check, reading /proc of this host. */
    static NetnsVerifier proc() {
        return (container, pid, netns) -> {
            // Host mode means the namespace jstack itself runs in, which runc passes on; /proc/1 may be unreadable.
            Path expected = netns.path() == null ? Path.of("/proc/self/ns/net") : Path.of(netns.path());
            long want = inode(expected);
            long got = inode(Path.of("/proc", Integer.toString(pid), "ns", "net"));
            if (want != got) {
                throw new RuntimeFailure("container " + container + " is in network namespace net:[" + got
                        + "] but its mode requires " + (netns.path() == null ? "the host's" : netns.path())
                        + " net:[" + want + "]");
            }
        };
    }

    // /proc/PID/ns/net is a magic link whose name holds the inode ("net:[4026531833]"); reading it needs no
    // permission to stat the target, which a sandbox may refuse even to root. A pin is a plain nsfs mount.
    private static long inode(Path path) throws RuntimeFailure {
        try {
            if (path.startsWith("/proc")) {
                String link = Files.readSymbolicLink(path).toString();
                return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
            }
            return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        } catch (IOException | RuntimeException e) {
            throw new RuntimeFailure("stat(\"" + path + "\"): " + e.getMessage(), e);
        }
    }
}
