package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.testing.TestStacks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StackWriterTest {

    private static <V> TreeMap<String, V> sorted(Map<String, V> map) {
        return new TreeMap<>(map);
    }

    // Every field set, so that every key's long form shows.
    private static Service app() {
        return new Service("app", new Rootfs.Image("registry.local/app:1.2"),
                new Service.Process(List.of("/bin/sh", "-c"), List.of("echo $HOME"),
                        sorted(Map.of("PRICE", "$5", "MODE", "prod")), "/srv", "1000:1000", true),
                new Service.Network(new NetworkMode.ServiceRef("db"), null, null, List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of()),
                new Service.Lifecycle(
                        sorted(Map.of("db", new Dependency(Dependency.Condition.SERVICE_HEALTHY, true, true))),
                        new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, 3),
                        new Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(30), Duration.ofSeconds(90), 3,
                                Duration.ZERO, Duration.ofMillis(5500), false),
                        "SIGTERM", Duration.ofSeconds(10)),
                new Service.Security(true, false, List.of("NET_ADMIN"), List.of("MKNOD")),
                new Service.Resources(268435456L, 1.5, 100L, sorted(Map.of("nofile", new Ulimit(1024, 2048)))),
                List.of(new Mount(Mount.Type.BIND, "/srv/data", "/data", true, true, 0, -1),
                        new Mount(Mount.Type.VOLUME, "cache", "/var/cache", false, false, 0, -1),
                        new Mount(Mount.Type.TMPFS, null, "/tmp", false, false, 65536, 01777)),
                sorted(Map.of("tier", "web")), List.of("debug"), sorted(Map.of("x-owner", "ops")));
    }

    private static Service db() {
        Service plain = TestStacks.service("db", new NetworkMode.None(), new TreeMap<>());
        return new Service("db", plain.rootfs(), plain.process(),
                new Service.Network(new NetworkMode.None(), "db", "local", List.of("10.0.0.2"), List.of("lan"),
                        List.of("ndots:1"), List.of("gw:10.0.0.1"), List.of("127.0.0.1:5432:5432/tcp"),
                        List.of("6432")),
                plain.lifecycle(), plain.security(), plain.resources(), plain.volumes(), plain.labels(),
                plain.profiles(), plain.extensions());
    }

    private static final Stack SHOP = new Stack("shop", "/srv/shop", List.of("/srv/shop/stack.yml"),
            sorted(Map.of("app", app(), "db", db())),
            sorted(Map.of("cache", new VolumeDef("cache", sorted(Map.of("backup", "daily"))))),
            sorted(Map.of("x-script", "echo $$ started\ndone\n")));

    @Test
    void yamlIsTheLongFormInAFixedKeyOrder() {
        assertEquals("""
                name: shop
                services:
                  app:
                    image: registry.local/app:1.2
                    entrypoint:
                      - /bin/sh
                      - -c
                    command:
                      - echo $$HOME
                    environment:
                      MODE: prod
                      PRICE: $$5
                    working_dir: /srv
                    user: 1000:1000
                    init: true
                    network_mode: service:db
                    depends_on:
                      db:
                        condition: service_healthy
                        restart: true
                        required: true
                    restart: on-failure:3
                    healthcheck:
                      test:
                        - CMD
                        - 'true'
                      interval: 30s
                      timeout: 1m30s
                      retries: 3
                      start_period: 0s
                      start_interval: 5s500ms
                    stop_signal: SIGTERM
                    stop_grace_period: 10s
                    read_only: true
                    cap_add:
                      - NET_ADMIN
                    cap_drop:
                      - MKNOD
                    mem_limit: 268435456
                    cpus: 1.5
                    pids_limit: 100
                    ulimits:
                      nofile:
                        soft: 1024
                        hard: 2048
                    volumes:
                      - type: bind
                        source: /srv/data
                        target: /data
                        read_only: true
                        bind:
                          create_host_path: true
                      - type: volume
                        source: cache
                        target: /var/cache
                        read_only: false
                      - type: tmpfs
                        target: /tmp
                        read_only: false
                        tmpfs:
                          size: 65536
                          mode: '1777'
                    labels:
                      tier: web
                    profiles:
                      - debug
                    x-owner: ops
                  db:
                    rootfs: host
                    command:
                      - sleep
                      - infinity
                    network_mode: none
                    hostname: db
                    domainname: local
                    dns:
                      - 10.0.0.2
                    dns_search:
                      - lan
                    dns_opt:
                      - ndots:1
                    extra_hosts:
                      - gw:10.0.0.1
                    ports:
                      - 127.0.0.1:5432:5432/tcp
                    expose:
                      - '6432'
                    restart: no
                    stop_grace_period: 10s
                volumes:
                  cache:
                    labels:
                      backup: daily
                x-script: |
                  echo $$$$ started
                  done
                """, StackWriter.yaml(SHOP));
    }

    @Test
    void jsonHasTheSameTreeIndentedByTwo() {
        Stack small = TestStacks.stack("lab").service("a", "none").service("b", "service:a", "a").build();
        assertEquals("""
                {
                  "name": "lab",
                  "services": {
                    "a": {
                      "rootfs": "host",
                      "command": [
                        "sleep",
                        "infinity"
                      ],
                      "network_mode": "none",
                      "restart": "no",
                      "stop_grace_period": "10s"
                    },
                    "b": {
                      "rootfs": "host",
                      "command": [
                        "sleep",
                        "infinity"
                      ],
                      "network_mode": "service:a",
                      "depends_on": {
                        "a": {
                          "condition": "service_started",
                          "restart": false,
                          "required": true
                        }
                      },
                      "restart": "no",
                      "stop_grace_period": "10s"
                    }
                  }
                }
                """, StackWriter.json(small));
    }

    @Test
    void durationsUseTheUnitsOfStackFiles() {
        assertEquals("0s", StackTree.duration(Duration.ZERO));
        assertEquals("1m30s", StackTree.duration(Duration.ofSeconds(90)));
        assertEquals("2h5s", StackTree.duration(Duration.ofHours(2).plusSeconds(5)));
        assertEquals("26h", StackTree.duration(Duration.ofDays(1).plusHours(2)));
        assertEquals("1s250ms", StackTree.duration(Duration.ofMillis(1250)));
        assertEquals("1ms2us3ns", StackTree.duration(Duration.ofNanos(1_002_003)));
    }
}
