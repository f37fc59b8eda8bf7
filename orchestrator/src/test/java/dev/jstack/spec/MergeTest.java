package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several -f files merged with Compose's override rules, and where the merged keys are said to come from. */
class MergeTest {

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
        f.write("base.yml", """
                services:
                  app:
                    image: app:1
                    network_mode: host
                    command: ["serve", "--port", "80"]
                    entrypoint: /init
                    environment: [A=1, B=2]
                    labels: {tier: web, keep: "yes"}
                    extra_hosts: ["db:10.0.0.1"]
                    ulimits:
                      nofile: {soft: 100, hard: 200}
                      nproc: 50
                    volumes:
                      - ./a:/data
                      - ./logs:/logs
                    ports: ["8080:80"]
                    expose: ["80"]
                    dns: [10.0.0.2]
                    cap_add: [NET_ADMIN]
                    cap_drop: [MKNOD]
                    depends_on:
                      db: {condition: service_healthy}
                    healthcheck:
                      test: ["CMD", "check", "--deep"]
                      interval: 5s
                  db:
                    rootfs: host
                    network_mode: host
                  cache:
                    rootfs: host
                    network_mode: host
                """);
        f.write("override.yml", """
                services:
                  app:
                    image: app:2
                    command: ["serve"]
                    environment: {B: "3", C: "4"}
                    labels: [tier=api]
                    extra_hosts: {db: 10.0.0.9, cache: 10.0.0.8}
                    ulimits:
                      nofile: 300
                    volumes:
                      - ./b:/data:ro
                      - type: tmpfs
                        target: /tmp
                    ports: ["8080:80", "8443:443"]
                    expose: ["80", "81"]
                    dns: [10.0.0.2, 10.0.0.3]
                    cap_add: [NET_ADMIN, SYS_TIME]
                    cap_drop: [NET_RAW]
                    depends_on: [db, cache]
                    healthcheck:
                      test: check
                """);
    }

    @Test
    void scalarsReplaceMapsMergeByNameAndListsAppendWithoutDuplicates() throws Exception {
        Service app = f.service("app", "base.yml", "override.yml");
        assertEquals(new Rootfs.Image("app:2"), app.rootfs());
        assertEquals(List.of("serve"), app.process().command());
        assertEquals(List.of("/init"), app.process().entrypoint());
        assertEquals(Map.of("A", "1", "B", "3", "C", "4"), app.process().environment());
        assertEquals(Map.of("tier", "api", "keep", "yes"), app.labels());
        assertEquals(List.of("db:10.0.0.9", "cache:10.0.0.8"), app.network().extraHosts());
        assertEquals(Map.of("nofile", new Ulimit(300, 300), "nproc", new Ulimit(50, 50)), app.resources().ulimits());
        assertEquals(List.of("8080:80/tcp", "8443:443/tcp"), app.network().ports());
        assertEquals(List.of("80/tcp", "81/tcp"), app.network().expose());
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), app.network().dns());
        assertEquals(List.of("CAP_NET_ADMIN", "CAP_SYS_TIME"), app.security().capAdd());
        assertEquals(List.of("CAP_MKNOD", "CAP_NET_RAW"), app.security().capDrop());
    }

    @Test
    void volumesMergeByTarget() throws Exception {
        Service app = f.service("app", "base.yml", "override.yml");
        assertEquals(List.of(
                new Mount(Mount.Type.BIND, dir.resolve("b").toString(), "/data", true, true, 0, -1),
                new Mount(Mount.Type.BIND, dir.resolve("logs").toString(), "/logs", false, true, 0, -1),
                new Mount(Mount.Type.TMPFS, null, "/tmp", false, false, 0, -1)), app.volumes());
    }

    @Test
    void dependsOnMergesByServiceAndAShortEntryKeepsTheLongForm() throws Exception {
        Service app = f.service("app", "base.yml", "override.yml");
        assertEquals(Map.of("db", new Dependency(Dependency.Condition.SERVICE_HEALTHY, false, true),
                "cache", Dependency.started()), app.lifecycle().dependsOn());
    }

    @Test
    void healthcheckMergesButItsTestIsReplaced() throws Exception {
        Healthcheck h = f.service("app", "base.yml", "override.yml").lifecycle().healthcheck();
        assertEquals(List.of("CMD-SHELL", "check"), h.test());
        assertEquals(java.time.Duration.ofSeconds(5), h.interval());
    }

    @Test
    void theLastFileThatSetAKeyGivesItsPosition() throws Exception {
        SourceMap sources = f.load("base.yml", "override.yml").sources();
        assertEquals(new Position("override.yml", 3, 5), sources.at("services.app.image"));
        assertEquals(new Position("base.yml", 4, 5), sources.at("services.app.network_mode"));
        assertEquals(new Position("override.yml", 2, 3), sources.at("services.app"));
        assertEquals(new Position("base.yml", 26, 3), sources.at("services.db"));
        assertEquals(new Position("override.yml", 19, 5), sources.at("services.app.depends_on"));
        assertEquals(new Position("override.yml", 19, 22), sources.at("services.app.depends_on.cache"));
        // a short entry adds nothing to the long form written before, so the long form keeps its position
        assertEquals(new Position("base.yml", 22, 7), sources.at("services.app.depends_on.db"));
        assertEquals(new Position("base.yml", 25, 7), sources.at("services.app.healthcheck.interval"));
    }

    @Test
    void aNullInALaterFileKeepsTheEarlierValue() throws Exception {
        f.write("null.yml", "services:\n  app:\n    image:\n");
        assertEquals(new Rootfs.Image("app:1"), f.service("app", "base.yml", "null.yml").rootfs());
    }

    @Test
    void problemsAreReportedInTheFileThatHasThemWithTheWarningsAmongThem() {
        f.write("bad.yml", "services:\n  app:\n    restart: later\n");
        assertEquals("""
                base.yml:16:5: warning: service `app` uses network_mode: host, so its `ports` are not published
                  fix: remove `ports`: the service already listens on the host's ports
                bad.yml:3:14: error: `services.app.restart` `later` is not a restart policy
                  fix: use one of: no, always, on-failure, on-failure:N, unless-stopped""",
                f.errors("base.yml", "bad.yml"));
    }

    @Test
    void aLaterFileCanAddAServiceOrAnAlreadyDeclaredVolume() throws Exception {
        f.write("more.yml", """
                services:
                  worker:
                    rootfs: host
                    network_mode: service:app
                    volumes: [data:/var/data]
                volumes:
                  data:
                """);
        Stack stack = f.stack("base.yml", "more.yml");
        assertEquals(List.of("app", "cache", "db", "worker"), List.copyOf(stack.services().keySet()));
        assertEquals(List.of(new Mount(Mount.Type.VOLUME, "data", "/var/data", false, false, 0, -1)),
                stack.services().get("worker").volumes());
    }
}
