package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link StackWriter} prints loads back to an equal stack, in YAML and in JSON. */
class StackWriterRoundTripTest {

    @TempDir
    Path dir;

    /** Loads {@code files}, writes the stack next to them in both forms, and loads each again. */
    static void assertRoundTrip(LoaderFixture project, String... files) throws InvalidStackException {
        Stack first = project.stack(files);
        project.write("round-trip.yml", StackWriter.yaml(first));
        assertEquals(withoutFiles(first), withoutFiles(project.stack("round-trip.yml")), "YAML");
        project.write("round-trip.json", StackWriter.json(first));
        assertEquals(withoutFiles(first), withoutFiles(project.stack("round-trip.json")), "JSON");
    }

    /** The files differ by design: the output is a new file. Everything else must be equal. */
    static Stack withoutFiles(Stack s) {
        return new Stack(s.name(), s.projectDir(), List.of(), s.services(), s.volumes(), s.extensions());
    }

    @Test
    void everyKeyInEveryFormSurvives() throws InvalidStackException {
        LoaderFixture project = new LoaderFixture(dir);
        project.env.put("TAG", "1.2");
        project.profiles.add("debug");
        project.write("app.env", "FROM_FILE=yes\nPRICE='$5'\n");
        project.write("stack.yml", """
                name: shop
                x-script: &script
                  - sh
                  - -c
                  - |
                    echo "$$HOME started"
                    sleep infinity
                services:
                  db:
                    rootfs: ./root
                    network_mode: none
                    hostname: db
                    domainname: lan
                    dns: 10.0.0.2
                    dns_search: [lan]
                    dns_opt: [ndots:1]
                    extra_hosts: ["gw:10.0.0.1"]
                    expose: [5432]
                    entrypoint: /bin/sh -c
                    command: *script
                    environment: [MODE=prod, EMPTY=]
                    env_file: app.env
                    working_dir: /srv
                    user: "1000:1000"
                    init: true
                    healthcheck:
                      test: pg_isready
                      interval: 1m30s
                      timeout: 500ms
                      retries: 5
                      start_period: 0s
                    stop_signal: SIGINT
                    stop_grace_period: 1m
                    labels: [tier=data]
                    volumes:
                      - ./data:/var/lib/data:ro
                      - cache:/var/cache
                      - type: tmpfs
                        target: /run/db
                        tmpfs: {size: 64m, mode: 1777}
                    tmpfs: /tmp:size=1m,mode=0755
                    x-owner: ops
                  app:
                    image: registry.local/app:${TAG}
                    network_mode: service:db
                    depends_on:
                      db:
                        condition: service_healthy
                        restart: true
                    restart: on-failure:3
                    read_only: true
                    privileged: true
                    cap_add: [net_admin]
                    cap_drop: [MKNOD]
                    mem_limit: 256m
                    cpus: 1.5
                    pids_limit: 100
                    ulimits:
                      nproc: 512
                      nofile: {soft: 1024, hard: 2048}
                  web:
                    rootfs: host
                    network_mode: host
                    depends_on: [app]
                    restart: unless-stopped
                    profiles: [debug]
                    healthcheck:
                      disable: true
                volumes:
                  cache:
                    labels:
                      backup: daily
                """);
        assertRoundTrip(project, "stack.yml");
    }
}
