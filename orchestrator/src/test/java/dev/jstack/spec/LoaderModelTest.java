package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each service key fills the model, and what it reports when its value is wrong. */
class LoaderModelTest {

    static final String HEAD = "services:\n  a:\n    rootfs: host\n    network_mode: host\n";

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
    }

    Service a(String more) throws Exception {
        f.write("stack.yml", HEAD + more);
        return f.service("a", "stack.yml");
    }

    String errors(String more) {
        return f.errorsOf(HEAD + more);
    }

    @Test
    void portsInBothSyntaxes() throws Exception {
        f.write("stack.yml", "services:\n  a:\n    rootfs: host\n    network_mode: ns:/run/netns/lab\n" + """
                    ports:
                      - 80
                      - "127.0.0.1:5353:53/udp"
                      - target: 443
                        published: "8443"
                        host_ip: ::1
                        protocol: tcp
                        mode: host
                      - 80
                    expose: [3000, "4000-4001/udp"]
                """);
        Service a = f.service("a", "stack.yml");
        assertEquals(List.of("80/tcp", "127.0.0.1:5353:53/udp", "[::1]:8443:443/tcp"), a.network().ports());
        assertEquals(List.of("3000/tcp", "4000-4001/udp"), a.network().expose());
        assertEquals(new NetworkMode.NamespacePath("/run/netns/lab"), a.network().mode());
    }

    @Test
    void badPortsSayWhatIsWrong() {
        assertEquals("""
                stack.yml:5:5: warning: service `a` uses network_mode: host, so its `ports` are not published
                  fix: remove `ports`: the service already listens on the host's ports
                stack.yml:5:13: error: `services.a.ports` entry `80:http`: the target port `http` is not a number
                  fix: write `[IP:][PUBLISHED:]TARGET[/PROTOCOL]`, such as `8080:80` or `127.0.0.1:53:53/udp`
                stack.yml:5:43: error: `services.a.ports[].mode` `ingress` is not supported
                  fix: leave `mode` out, or use `mode: host`""",
                errors("    ports: [\"80:http\", {target: 80, mode: ingress}]\n"));
    }

    @Test
    void volumesInBothSyntaxes() throws Exception {
        f.env.put("HOME", "/home/me");
        Service a = a("""
                    volumes:
                      - /srv/www:/www:ro
                      - ~/conf:/conf
                      - /cache
                      - type: bind
                        source: ./src
                        target: /src
                        read_only: true
                        bind: {create_host_path: true}
                      - type: volume
                        target: /anon
                      - type: tmpfs
                        target: /scratch
                        tmpfs: {size: 1g, mode: 0o700}
                    tmpfs: [/run, "/tmp:size=64m,ro"]
                """);
        assertEquals(List.of(
                new Mount(Mount.Type.VOLUME, null, "/anon", false, false, 0, -1),
                new Mount(Mount.Type.VOLUME, null, "/cache", false, false, 0, -1),
                new Mount(Mount.Type.BIND, "/home/me/conf", "/conf", false, true, 0, -1),
                new Mount(Mount.Type.TMPFS, null, "/run", false, false, 0, -1),
                new Mount(Mount.Type.TMPFS, null, "/scratch", false, false, 1L << 30, 0700),
                new Mount(Mount.Type.BIND, dir.resolve("src").toString(), "/src", true, true, 0, -1),
                new Mount(Mount.Type.TMPFS, null, "/tmp", true, false, 64L << 20, -1),
                new Mount(Mount.Type.BIND, "/srv/www", "/www", true, true, 0, -1)), a.volumes());
    }

    @Test
    void volumeProblems() {
        assertEquals("""
                stack.yml:6:9: error: `services.a.volumes` uses the volume `data`, which is not declared
                  fix: declare it under the top-level `volumes:` (`volumes: {data: {}}`), or write a path starting with `./`, `/` or `~` for a bind mount
                stack.yml:7:9: error: `services.a.volumes` target `rel` is not an absolute path
                  fix: write the path inside the container as an absolute path, such as `/data`
                stack.yml:8:9: error: `services.a.volumes` entry `./x:/x:z` has mode `z`
                  fix: use `ro` or `rw`
                stack.yml:9:9: error: `~/x` needs HOME, which is not set
                  fix: set HOME, or write the path without `~`
                stack.yml:11:16: error: `services.a.volumes[].type` `npipe` is not supported
                  fix: use type bind, volume or tmpfs
                stack.yml:12:36: error: `services.a.volumes[].volume`: jstack does not support this Compose key yet
                  fix: remove it
                stack.yml:13:12: error: two mounts on `/dup`
                  fix: keep only one `/dup`""", errors("""
                    volumes:
                      - data:/data
                      - ./rel:rel
                      - ./x:/x:z
                      - ~/x:/y
                      - /dup
                      - {type: npipe, target: /p}
                      - {type: volume, target: /v, volume: {nocopy: true}}
                    tmpfs: /dup
                """));
    }

    @Test
    void commandAndEntrypointForms() throws Exception {
        Service a = a("    entrypoint: \"\"\n    command: [\"echo\", 1, true]\n");
        assertEquals(List.of(), a.process().entrypoint());
        assertEquals(List.of("echo", "1", "true"), a.process().command());
        assertEquals("""
                stack.yml:5:14: error: `services.a.command`: unclosed single quote at offset 5
                  fix: close the quote, or write the command as a list""", errors("    command: echo 'x\n"));
    }

    @Test
    void healthcheckForms() throws Exception {
        Healthcheck h = a("    healthcheck:\n      test: [NONE]\n      retries: 0\n      start_period: 1m\n")
                .lifecycle().healthcheck();
        assertEquals(new Healthcheck(List.of("NONE"), Duration.ofSeconds(30), Duration.ofSeconds(30), 0,
                Duration.ofMinutes(1), Duration.ofSeconds(5), true), h);
        Healthcheck off = a("    healthcheck: {disable: true}\n").lifecycle().healthcheck();
        assertEquals(List.of(), off.test());
        assertTrue(off.disable());
        assertEquals("""
                stack.yml:6:13: error: `services.a.healthcheck.test` has no command after CMD
                  fix: write `test: ["CMD", "prog", "arg"]`, `test: ["CMD-SHELL", "command"]`, `test: ["NONE"]` or a string (run by the shell)
                stack.yml:7:16: error: `services.a.healthcheck.retries` must not be negative
                  fix: write 0 or more
                stack.yml:8:7: error: unknown key `intervall` in `services.a.healthcheck`
                  fix: did you mean `interval`?""",
                errors("    healthcheck:\n      test: [CMD]\n      retries: -1\n      intervall: 5s\n"));
    }

    @Test
    void restartAndStopSignal() throws Exception {
        assertEquals("on-failure", a("    restart: on-failure\n").lifecycle().restart().toString());
        assertEquals("always", a("    restart: always\n").lifecycle().restart().toString());
        assertEquals("SIGRTMIN+3", a("    stop_signal: rtmin+3\n").lifecycle().stopSignal());
        assertEquals("9", a("    stop_signal: 9\n").lifecycle().stopSignal());
        assertEquals("""
                stack.yml:5:14: error: `services.a.restart` `on-failure:0` is not a restart policy
                  fix: use one of: no, always, on-failure, on-failure:N, unless-stopped
                stack.yml:6:18: error: `services.a.stop_signal` `SIGNOPE` is not a signal
                  fix: use a signal name such as SIGTERM, SIGINT, SIGQUIT or SIGKILL""",
                errors("    restart: on-failure:0\n    stop_signal: SIGNOPE\n"));
    }

    @Test
    void limitsAndCapabilities() throws Exception {
        Service a = a("    mem_limit: 1073741824\n    cpus: 0.5\n    pids_limit: -1\n    cap_drop: [all]\n"
                + "    read_only: true\n    privileged: false\n");
        assertEquals(new Service.Resources(1L << 30, 0.5, -1L, new java.util.TreeMap<>()), a.resources());
        assertEquals(new Service.Security(true, false, List.of(), List.of("ALL")), a.security());
        assertEquals("""
                stack.yml:5:15: error: `services.a.cap_add` entry `NET_ADMN` is not a Linux capability
                  fix: did you mean `CAP_NET_ADMIN`?
                stack.yml:6:11: error: `services.a.cpus` must be above 0
                  fix: write a positive number, such as `0.5` or `2`
                stack.yml:7:17: error: `services.a.pids_limit` 0 is not a limit
                  fix: write a positive number, or -1 for no limit
                stack.yml:9:7: error: unknown ulimit `nofle` in `services.a.ulimits`
                  fix: did you mean `nofile`?
                stack.yml:10:14: error: `services.a.ulimits.nproc` has soft 10 above hard 5
                  fix: write a number, or `{soft: N, hard: N}` with soft not above hard""",
                errors("    cap_add: [NET_ADMN]\n    cpus: 0\n    pids_limit: 0\n    ulimits:\n      nofle: 1\n"
                        + "      nproc: {soft: 10, hard: 5}\n"));
    }

    @Test
    void environmentLabelsAndHosts() throws Exception {
        f.env.put("TOKEN", "t");
        Service a = a("""
                    environment: [TOKEN, NOPE, "EMPTY=", "EQ=a=b"]
                    labels: {a: , b: 1}
                    extra_hosts: ["db=10.0.0.1", "v6:::1", "br:[fe80::1]"]
                    working_dir: /app
                    hostname: h
                    domainname: example.com
                    dns: 1.1.1.1
                    dns_search: [a.example]
                    dns_opt: [ndots:2]
                """);
        assertEquals(Map.of("TOKEN", "t", "EMPTY", "", "EQ", "a=b"), a.process().environment());
        assertEquals(Map.of("a", "", "b", "1"), a.labels());
        assertEquals(List.of("db:10.0.0.1", "v6:::1", "br:fe80::1"), a.network().extraHosts());
        assertEquals(new Service.Network(new NetworkMode.Host(), "h", "example.com", List.of("1.1.1.1"),
                List.of("a.example"), List.of("ndots:2"), a.network().extraHosts(), List.of(), List.of()), a.network());
        assertNull(a.process().user());
        assertEquals("""
                stack.yml:5:18: error: `services.a.working_dir` must be an absolute path, found `app`
                  fix: write an absolute path, such as `/app`""", errors("    working_dir: app\n"));
    }

    @Test
    void unsupportedComposeKeysSayWhatToDoInstead() {
        assertEquals("""
                stack.yml:5:5: error: `services.a.deploy`: jstack does not support this Compose key yet
                  fix: use `mem_limit`, `cpus`, `pids_limit` and `restart` instead
                stack.yml:6:5: error: `services.a.links`: jstack does not support this Compose key yet
                  fix: share a namespace with network_mode: service:NAME and order with depends_on
                stack.yml:7:5: error: `services.a.shm_size`: jstack does not support this Compose key yet
                  fix: remove it
                stack.yml:8:5: error: unknown key `x_note` in `services.a`
                  fix: remove it, or name it `x-...` to keep it as an extension""",
                errors("    deploy: {}\n    links: [b]\n    shm_size: 1g\n    x_note: 1\n"));
    }

    @Test
    void aRootfsDirectoryIsMadeAbsoluteAgainstTheProjectDirectory() throws Exception {
        f.write("stack.yml", "services:\n  a:\n    rootfs: ./root/../fs\n    network_mode: none\n");
        assertEquals(new Rootfs.Directory(dir.resolve("fs").toString()), f.service("a", "stack.yml").rootfs());
    }

    @Test
    void dependsOnProblems() {
        assertEquals("""
                stack.yml:5:17: error: `services.a.depends_on` must be a list or a mapping, found a string
                  fix: write a list of service names, or a mapping of names to {condition, restart, required}
                stack.yml:6:3: error: `services.b` has neither `image` nor `rootfs`
                  fix: set exactly one of `image:` (an imported image) or `rootfs:` (`host` or a directory)
                stack.yml:6:3: error: service `b` has no `network_mode`
                  fix: add `network_mode: host`, `none` or `service:NAME`: jstack has no bridge networks yet""",
                errors("    depends_on: b\n  b: {}\n"));
        assertEquals("""
                stack.yml:7:20: error: `services.a.depends_on.b.condition` `service_ready` is not a condition
                  fix: use one of: service_started, service_healthy, service_completed_successfully
                stack.yml:8:9: error: unknown key `requird` in `services.a.depends_on.b`
                  fix: did you mean `required`?""", errors("""
                    depends_on:
                      b:
                        condition: service_ready
                        requird: false
                  b:
                    rootfs: host
                    network_mode: host
                """));
    }

    @Test
    void aServiceThatIsNotAMappingIsReportedOnce() {
        assertEquals("""
                stack.yml:2:6: error: `services.a` must be a mapping, found a list
                  fix: write a mapping""", f.errorsOf("services:\n  a: [image, x]\n"));
    }

    @Test
    void servicesAndProfilesNeedValidNames() {
        assertEquals("""
                stack.yml:5:16: error: `-x` is not a valid profile name
                  fix: use letters, digits, `_`, `.` and `-`, starting with a letter or digit""",
                errors("    profiles: [\"-x\"]\n"));
    }
}
