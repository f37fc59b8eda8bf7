package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config} and {@code graph} run on small stacks in a temporary project directory. */
class ConfigAndGraphRunTest {

    private static final String CHAIN = """
            name: chain
            services:
              b:
                rootfs: host
                network_mode: service:a
                command: echo ${GREETING:-hi}
              a:
                rootfs: host
                network_mode: none
            """;

    private static final String CHAIN_CONFIG = """
            name: chain
            services:
              a:
                rootfs: host
                network_mode: none
                restart: no
                stop_signal: SIGTERM
                stop_grace_period: 10s
              b:
                rootfs: host
                command:
                  - echo
                  - hello
                network_mode: service:a
                depends_on:
                  a:
                    condition: service_started
                    restart: false
                    required: true
                restart: no
                stop_signal: SIGTERM
                stop_grace_period: 10s
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("GREETING", "hello");

    @BeforeEach
    void writeStack() throws IOException {
        write("stack.yml", CHAIN);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private CliRun jstack(String... args) {
        return CliRun.run(dir, env, args);
    }

    @Test
    void configPrintsTheNormalizedInterpolatedStack() {
        assertEquals(new CliRun(0, CHAIN_CONFIG, ""), jstack("config"));
    }

    @Test
    void theFileMayBeNamedAfterTheCommand() throws IOException {
        Files.move(dir.resolve("stack.yml"), dir.resolve("other.yml"));
        assertEquals(new CliRun(0, CHAIN_CONFIG, ""), jstack("config", "-f", "other.yml"));
        assertEquals(new CliRun(0, CHAIN_CONFIG, ""), jstack("-f", "other.yml", "config"));
    }

    @Test
    void quietOnlyValidates() {
        assertEquals(new CliRun(0, "", ""), jstack("config", "-q"));
    }

    @Test
    void configAsJson() {
        CliRun run = jstack("config", "--format", "json");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("{\n  \"name\": \"chain\",\n  \"services\": {\n    \"a\": {\n"), run.out());
    }

    @Test
    void warningsGoToStderrAndTheCommandStillSucceeds() throws IOException {
        write("stack.yml", """
                services:
                  web:
                    rootfs: host
                    network_mode: host
                    ports: ["8080:80"]
                """);
        CliRun run = jstack("config", "-q");
        assertEquals(new CliRun(0, "", """
                stack.yml:5:5: warning: service `web` uses network_mode: host, so its `ports` are not published
                  fix: remove `ports`: the service already listens on the host's ports
                """), run);
    }

    @Test
    void anInvalidStackPrintsPositionsAndExits2WithoutAStackTrace() throws IOException {
        write("stack.yml", """
                services:
                  a:
                    rootfs: host
                    network_mode: service:b
                  b:
                    rootfs: host
                    network_mode: none
                    depends_on: [a]
                """);
        CliRun run = jstack("graph");
        assertEquals(new CliRun(2, "", """
                stack.yml:4:5: error: dependency cycle: a -(network_mode)-> b -(depends_on)-> a
                  fix: remove one of these edges: `network_mode: service:b` of `a`, `depends_on: a` of `b`
                """), run);
    }

    @Test
    void aMissingFileIsAnErrorWithoutAStackTrace() {
        CliRun run = jstack("config", "-f", "missing.yml");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("missing.yml"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void graphAsDot() {
        assertEquals(new CliRun(0, """
                digraph "chain" {
                  node [shape=box];
                  subgraph "cluster_netns_a" {
                    label="netns of a";
                    "a" [label="a\\nnone"];
                    "b" [label="b\\nservice:a"];
                  }
                  "b" -> "a" [label="network_mode"];
                }
                """, ""), jstack("graph"));
    }

    @Test
    void graphAsMermaid() {
        assertEquals(new CliRun(0, """
                flowchart TB
                  subgraph ns_svc_a["netns of a"]
                    svc_a["a<br/>none"]
                    svc_b["b<br/>service:a"]
                  end
                  svc_b -->|network_mode| svc_a
                """, ""), jstack("graph", "--format", "mermaid", "--file", "stack.yml"));
    }
}
