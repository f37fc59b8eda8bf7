package dev.jstack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails (never skips) an end-to-end class when the host lacks what the tests need, and says what to install:
 * root, runc, iproute2, python3 (the scenarios' servers and clients).
 */
final class Prerequisites implements BeforeAllCallback {
    private static final List<String[]> PROGRAMS = List.of(
            new String[] {"runc", "apt-get install -y runc"},
            new String[] {"ip", "apt-get install -y iproute2"},
            new String[] {"python3", "apt-get install -y python3"},
            new String[] {"java", "apt-get install -y openjdk-17-jdk-headless"});

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: -1").split("\\s+")[1];
        if (!"0".equals(uid)) {
            throw new IllegalStateException("the end-to-end tests need root (namespaces, mounts, runc): run them"
                    + " as root, e.g. sudo mvn -B -Pe2e verify");
        }
        for (String[] program : PROGRAMS) {
            if (!onPath(program[0])) {
                throw new IllegalStateException("the end-to-end tests need " + program[0] + ": " + program[1]);
            }
        }
        Jstack.launcher();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }
}
