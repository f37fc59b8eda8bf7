package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Scenario
@DisplayName("image: images built by umoci and skopeo import in every format and run with their config's defaults")
class ImageTest {
    private static final Jstack JSTACK = new Jstack("image");
    private static Path work;
    private static Map<String, String> env;

    @BeforeAll
    static void buildImportAndUp() throws IOException {
        for (String tool : List.of("umoci", "skopeo", "busybox")) {
            if (Shell.run("sh", "-c", "command -v " + tool).exitCode() != 0) {
                throw new IllegalStateException("the image tests need " + tool + ": apt-get install -y "
                        + (tool.equals("busybox") ? "busybox-static" : tool));
            }
        }
        work = Files.createTempDirectory("jstack-images-");
        env = Map.of("JSTACK_IMAGE_ROOT", work.resolve("store").toString());
        Path build = JSTACK.stackFile().resolveSibling("build.sh");
        Shell.run(List.of(build.toString(), work.toString()), work, Map.of()).expectOk();
        JSTACK.run(env, "down", "-t", "1");
        JSTACK.run(env, "image", "import", "app:oci", work.resolve("app-oci.tar").toString()).expectOk();
        JSTACK.run(env, "up", "-d").expectOk();
    }

    @AfterAll
    static void downAndClean() throws IOException {
        JSTACK.run(env, "down", "-t", "1").expectOk();
        Shell.run("rm", "-rf", work.toString()).expectOk();
    }

    private static String[] proc(int pid, String file) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/" + file))).split("\0");
    }

    @Test
    @DisplayName("Entrypoint and Cmd, Env under the service's environment, WorkingDir and User are honoured")
    void configDefaults() throws IOException {
        int pid = Kernel.pid(JSTACK.container("app"));
        assertEquals(List.of("sleep", "1000"), Arrays.asList(proc(pid, "cmdline")));
        List<String> environ = Arrays.asList(proc(pid, "environ"));
        assertTrue(environ.contains("GREETING=hi") && environ.contains("EXTRA=from-stack"), environ.toString());
        assertEquals(Path.of("/srv"), Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")));
        String uid = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        assertEquals("1000", uid.split("\\s+")[1]);
    }

    @Test
    @DisplayName("the layers' files and whiteouts are what the container sees")
    void layersAndWhiteouts() {
        assertEquals("hello\n", JSTACK.run(env, "exec", "app", "/bin/busybox", "cat", "/srv/greeting").expectOk().out());
        assertTrue(JSTACK.run(env, "exec", "app", "/bin/busybox", "test", "-e", "/bin/cat").exitCode() != 0,
                "bin/cat is whited out by the app layer");
    }

    @Test
    @DisplayName("every format imports to the same image; a shared layer is stored once; rm is refused while used")
    void formatsAndSharing() throws IOException {
        String oci = JSTACK.run(env, "image", "import", "again:oci", work.resolve("app-oci.tar").toString())
                .expectOk().out().trim().split(" ")[2];
        for (String[] source : new String[][] {{"app:docker", "app-docker.tar"}, {"app:dir", "app-dir"}}) {
            String id = JSTACK.run(env, "image", "import", source[0], work.resolve(source[1]).toString())
                    .expectOk().out().trim().split(" ")[2];
            assertEquals(oci, id, source[1]);
        }
        JSTACK.run(env, "image", "import", "base", work.resolve("base-dir").toString()).expectOk();
        assertEquals(2, layers());
        JSTACK.run(env, "image", "import", "plain", work.resolve("rootfs.tar.gz").toString()).expectOk();
        assertEquals(3, layers());
        Shell.Result rm = JSTACK.run(env, "image", "rm", "app:oci");
        assertEquals(1, rm.exitCode());
        assertTrue(rm.err().contains("is in use by " + JSTACK.container("app")), rm.err());
        JSTACK.run(env, "image", "rm", "plain").expectOk();
        assertEquals(2, layers());
    }

    private static long layers() throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("store/layers"))) {
            return s.count();
        }
    }
}
