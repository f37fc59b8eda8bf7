package dev.jstack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails (never skips) a kernel test class when the host lacks what it needs, and says what to install. */
public final class HostPrerequisites implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: -1").split("\\s+")[1];
        if (!"0".equals(uid)) {
            throw new IllegalStateException("kernel tests need root (namespaces, mounts, runc): run them as root");
        }
        if (!onPath("runc")) {
            throw new IllegalStateException("kernel tests need runc: apt-get install -y runc");
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
