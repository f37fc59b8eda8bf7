package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jstack.runtime.ContainerSpec.MountSpec;
import dev.jstack.runtime.ContainerSpec.ProcessSpec;
import dev.jstack.runtime.ContainerSpec.ResourceSpec;
import dev.jstack.runtime.ContainerSpec.Rlimit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json text for representative specs, compared with golden files under bundles/. */
class BundleWriterTest {

    private static final Path BUNDLES = Path.of("/run/jstack/demo/bundles");

    @TempDir
    Path dir;

    @Test
    void hostNetworkWithDockerDefaults() throws Exception {
        ContainerSpec spec = spec("demo-web-1", null, process(List.of("httpd", "-f")), List.of(),
                ResourceSpec.NONE, false, null);
        assertGolden("host-defaults.json", spec);
    }

    @Test
    void joinedNamespaceWithLimitsUserAndMounts() throws Exception {
        ProcessSpec process = new ProcessSpec(List.of("/app/server", "--port", "8080"),
                List.of("PATH=/app/bin:/bin", "MODE=prod"), "/app", 1000, 1000, List.of(27, 100),
                Defaults.capabilities(List.of("net_admin"), List.of("CAP_MKNOD", "net_raw"), false), true,
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 4096)));
        List<MountSpec> mounts = List.of(
                new MountSpec("/data/cache", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "size=1048576")),
                new MountSpec("/data", "bind", "/var/lib/jstack/volumes/demo_data", List.of("rbind", "rw")),
                new MountSpec("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "size=268435456")));
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("dev.jstack.service", "api");
        annotations.put("dev.jstack.project", "demo");
        ContainerSpec spec = new ContainerSpec("demo-api-1", dir.resolve("demo-api-1"),
                BUNDLES.resolve("demo-api-1/rootfs"), true, process, "api",
                Path.of("/run/netns/jstack-demo-db"), mounts, new ResourceSpec(268435456L, 50000L, 100000L, 64L),
                false, annotations);
        assertGolden("joined-limits.json", spec);
    }

    @Test
    void privilegedLiftsMasksAndReadOnlySysfs() throws Exception {
        ProcessSpec process = new ProcessSpec(List.of("sh"), List.of(), "/", 0, 0, List.of(),
                Defaults.capabilities(List.of(), List.of("ALL"), true), Defaults.noNewPrivileges(true), List.of());
        ContainerSpec spec = spec("demo-tools-1", Path.of("/run/netns/jstack-demo-tools"), process,
                List.of(new MountSpec("/dev", "bind", "/dev", List.of("rbind", "rw"))), ResourceSpec.NONE, true,
                "tools");
        assertGolden("privileged.json", spec);
    }

    @Test
    void stringsAreEscapedAsJsonWantsAndEmptyListsStayEmpty() throws Exception {
        ProcessSpec process = new ProcessSpec(
                List.of("sh", "-c", "echo \"quoted\" \\ back\tslash\nline \r\b\f \u0001\u001f\u007f é ü 日本 /slash"),
                List.of("EMPTY=", "UNI=ñ", "QUOTE=\"'"), "/wörk dir", 0, 0, List.of(), List.of(), false,
                List.of(new Rlimit("RLIMIT_NPROC", 0, Long.MAX_VALUE)));
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("a\"b", "c\\d");
        annotations.put("dev.jstack.service", "");
        ContainerSpec spec = new ContainerSpec("demo-odd-1", dir.resolve("demo-odd-1"),
                BUNDLES.resolve("demo-odd-1/rootfs"), false, process, "odd\u2028host", null,
                List.of(new MountSpec("/a b", "bind", "/src \"x\"", List.of())), new ResourceSpec(1L, 2000L, null, null),
                false, annotations);
        assertGolden("escapes.json", spec);
    }

    @Test
    void writesAtomicallyAndReplacesAnOldConfig() throws Exception {
        ContainerSpec spec = spec("demo-web-1", null, process(List.of("true")), List.of(), ResourceSpec.NONE,
                false, null);
        Files.createDirectories(spec.bundleDir());
        Files.writeString(spec.bundleDir().resolve("config.json"), "{ half written");
        Path written = new BundleWriter().write(spec);
        assertEquals(new BundleWriter().render(spec), Files.readString(written));
        try (var files = Files.list(spec.bundleDir())) {
            assertEquals(List.of("config.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    private ContainerSpec spec(String id, Path netns, ProcessSpec process, List<MountSpec> mounts,
                               ResourceSpec resources, boolean privileged, String hostname) {
        return new ContainerSpec(id, dir.resolve(id), BUNDLES.resolve(id + "/rootfs"), false, process, hostname,
                netns, mounts, resources, privileged, new TreeMap<>());
    }

    private static ProcessSpec process(List<String> args) {
        return new ProcessSpec(args, List.of(), "/", 0, 0, List.of(), Defaults.capabilities(List.of(), List.of(), false),
                Defaults.noNewPrivileges(false), List.of());
    }

    private static void assertGolden(String name, ContainerSpec spec) throws IOException, RuntimeFailure {
        String actual = Files.readString(new BundleWriter().write(spec));
        try (InputStream in = BundleWriterTest.class.getResourceAsStream("/bundles/" + name)) {
            assertNotNull(in, "missing golden file bundles/" + name + "; the writer produced:\n" + actual);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
