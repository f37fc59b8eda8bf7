package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
    }

    @Test
    void fillsEveryPartOfTheModel() throws Exception {
        f.write("stack.yml", """
                name: demo
                services:
                  db:
                    image: postgres:16
                    network_mode: none
                    command: postgres -c 'shared buffers=1'
                    environment:
                      - POSTGRES_DB=app
                      - EMPTY=
                    working_dir: /var/lib
                    user: "999"
                    hostname: database
                    restart: on-failure:3
                    stop_signal: int
                    stop_grace_period: 1m30s
                    healthcheck:
                      test: pg_isready
                      interval: 5s
                    labels: [com.example.role=db, flag]
                    volumes:
                      - data:/var/lib/postgresql/data
                      - ./init:/docker-entrypoint-initdb.d:ro
                    tmpfs: /run:size=64m,mode=1777
                    cap_add: [net_admin, CAP_SYS_TIME]
                    ulimits:
                      nofile: {soft: 1024, hard: 2048}
                      nproc: 512
                    mem_limit: 512m
                    cpus: "1.5"
                    pids_limit: 100
                    init: true
                    x-note: {owner: ops}
                  app:
                    rootfs: host
                    network_mode: service:db
                    entrypoint: ["/bin/sh", "-c"]
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                volumes:
                  data: {}
                x-top: 1
                """);
        Stack stack = f.stack("stack.yml");
        assertEquals("test", stack.name());
        assertEquals(dir.toString(), stack.projectDir());
        assertEquals(List.of("app", "db"), List.copyOf(stack.services().keySet()));
        Service db = stack.services().get("db");
        assertEquals(new Rootfs.Image("postgres:16"), db.rootfs());
        assertEquals(List.of("postgres", "-c", "shared buffers=1"), db.process().command());
        assertNull(db.process().entrypoint());
        assertEquals(Map.of("POSTGRES_DB", "app", "EMPTY", ""), db.process().environment());
        assertEquals("/var/lib", db.process().workingDir());
        assertEquals("999", db.process().user());
        assertTrue(db.process().init());
        assertEquals(new NetworkMode.None(), db.network().mode());
        assertEquals("database", db.network().hostname());
        assertEquals(new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, 3), db.lifecycle().restart());
        assertEquals("SIGINT", db.lifecycle().stopSignal());
        assertEquals(Duration.ofSeconds(90), db.lifecycle().stopGracePeriod());
        assertEquals(new Healthcheck(List.of("CMD-SHELL", "pg_isready"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 3, Duration.ZERO, Duration.ofSeconds(5), false), db.lifecycle().healthcheck());
        assertEquals(Map.of("com.example.role", "db", "flag", ""), db.labels());
        assertEquals(List.of(
                new Mount(Mount.Type.BIND, dir.resolve("init").toString(), "/docker-entrypoint-initdb.d", true, true,
                        0, -1),
                new Mount(Mount.Type.TMPFS, null, "/run", false, false, 64L << 20, 01777),
                new Mount(Mount.Type.VOLUME, "data", "/var/lib/postgresql/data", false, false, 0, -1)),
                db.volumes());
        assertEquals(List.of("CAP_NET_ADMIN", "CAP_SYS_TIME"), db.security().capAdd());
        assertEquals(new Service.Resources(512L << 20, 1.5, 100L,
                new java.util.TreeMap<>(Map.of("nofile", new Ulimit(1024, 2048), "nproc", new Ulimit(512, 512)))),
                db.resources());
        assertEquals(Map.of("x-note", Map.of("owner", "ops")), db.extensions());
        assertEquals(Map.of("x-top", 1L), stack.extensions());
        assertEquals(Map.of("data", new VolumeDef("data", new java.util.TreeMap<>())), stack.volumes());

        Service app = stack.services().get("app");
        assertEquals(new Rootfs.HostRoot(), app.rootfs());
        assertEquals(new NetworkMode.ServiceRef("db"), app.network().mode());
        assertEquals(List.of("/bin/sh", "-c"), app.process().entrypoint());
        assertEquals(Map.of("db", new Dependency(Dependency.Condition.SERVICE_HEALTHY, true, true)),
                app.lifecycle().dependsOn());
    }

    @Test
    void appliesTheDefaults() throws Exception {
        f.write("stack.yml", "services:\n  a:\n    rootfs: host\n    network_mode: host\n");
        Service a = f.service("a", "stack.yml");
        assertEquals(RestartPolicy.NO, a.lifecycle().restart());
        assertEquals("SIGTERM", a.lifecycle().stopSignal());
        assertEquals(Duration.ofSeconds(10), a.lifecycle().stopGracePeriod());
        assertNull(a.lifecycle().healthcheck());
        assertNull(a.process().command());
        assertFalse(a.security().readOnly());
        assertEquals(new Service.Resources(null, null, null, new java.util.TreeMap<>()), a.resources());
        assertTrue(a.lifecycle().dependsOn().isEmpty());
    }
}
