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
            Path expected = netns.path() == null ? Path.of("/proc/1/ns/net") : Path.of(netns.path());
            long want = inode(expected);
            long got = inode(Path.of("/proc", Integer.toString(pid), "ns", "net"));
            if (want != got) {
                throw new RuntimeFailure("container " + container + " is in network namespace net:[" + got
                        + "] but its mode requires " + (netns.path() == null ? "the host's" : netns.path())
                        + " net:[" + want + "]");
            }
        };
    }

    private static long inode(Path path) throws RuntimeFailure {
        try {
            return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new RuntimeFailure("stat(\"" + path + "\"): " + e.getMessage(), e);
        }
    }
}
