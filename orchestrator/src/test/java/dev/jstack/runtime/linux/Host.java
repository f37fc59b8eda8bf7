package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What kernel tests ask the host directly: commands such as {@code ip netns list}, and the mount table. */
final class Host {

    private Host() {
    }

    /** Runs a command and returns its standard output; a non-zero exit fails the test with its stderr. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        int code = process.waitFor();
        assertEquals(0, code, String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Mount points at or below {@code path} in this process's mount namespace. */
    static List<String> mountsAtOrBelow(Path path) throws RuntimeFailure {
        return MountInfo.read().stream().filter(m -> m.isAtOrBelow(path.toString()))
                .map(MountInfo::mountPoint).toList();
    }
}
