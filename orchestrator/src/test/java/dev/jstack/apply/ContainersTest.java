package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.graph.StackGraph;
import dev.jstack.plan.Action;
import dev.jstack.plan.ConfigHash;
import dev.jstack.plan.Planner;
import dev.jstack.runtime.ContainerSpec;
import dev.jstack.runtime.ContainerSpec.MountSpec;
import dev.jstack.spec.Mount;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import dev.jstack.spec.Ulimit;
import dev.jstack.state.ProjectPaths;
import dev.jstack.testing.Stacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContainersTest {
    private static final ProjectPaths PATHS =
            new ProjectPaths("demo", Path.of("/run/jstack"), Path.of("/var/lib/jstack"), Path.of("/run/netns"));

    private static Service web() {
        Service s = Stacks.service("web", "none", List.of("-m", "http.server"), List.of(
                new Mount(Mount.Type.BIND, "/srv/demo/site", "/srv", true, true, 0, -1),
                new Mount(Mount.Type.VOLUME, "cache", "/var/cache/web", false, false, 0, -1),
                new Mount(Mount.Type.VOLUME, null, "/var/lib/anon", false, false, 0, -1),
                new Mount(Mount.Type.TMPFS, null, "/scratch", false, false, 1 << 20, 01777)));
        return new Service(s.name(), s.rootfs(),
                new Service.Process(List.of("python3"), s.process().command(),
                        new TreeMap<>(Map.of("B", "2", "A", "1")),
                        "/srv", "1000:1000", false),
                new Service.Network(s.network().mode(), "www", null, List.of(), List.of(), List.of(), List.of(),
                        List.of(), List.of()),
                s.lifecycle(), new Service.Security(false, false, List.of("NET_ADMIN"), List.of("MKNOD")),
                new Service.Resources(64L << 20, 0.5, 50L, new TreeMap<>(Map.of("nofile", new Ulimit(1024, 2048)))),
                s.volumes(), s.labels(), s.profiles(), s.extensions());
    }

    private static ContainerSpec spec(Stack stack, String service) throws Exception {
        Planner planner = new Planner(stack, StackGraph.of(stack), PATHS);
        Service s = stack.services().get(service);
        var netns = planner.netns(service);
        var create = new Action.CreateContainer(1, service, PATHS.containerId(service), s, netns,
                planner.etcOwner(service), ConfigHash.of(s, netns), "new", List.of());
        Identities ids = (root, user) -> user == null ? Identities.Identity.ROOT
                : new Identities.Identity(1000, 1000, List.of(27));
        return new Containers(stack, PATHS, ids).spec(create);
    }

    private static String mounts(ContainerSpec spec) {
        return spec.mounts().stream().map(m -> m.destination() + " " + m.type() + " " + m.source() + " "
                + String.join(",", m.options())).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    @DisplayName("a none owner: its pin, its hostname, its /etc files, volumes, limits, user and process")
    void owner() throws Exception {
        Stack stack = Stacks.named("demo").add(web()).service("client", "service:web").build();
        ContainerSpec spec = spec(stack, "web");
        assertEquals(Path.of("/run/netns/jstack-demo-web"), spec.netns());
        assertEquals("www", spec.hostname());
        assertEquals(Path.of("/run/jstack/demo/hostroot"), spec.rootfs(), "the project's one bind of the host's root");
        assertTrue(spec.readOnlyRoot(), "rootfs: host is always read-only");
        assertEquals(List.of("python3", "-m", "http.server"), spec.process().args());
        assertEquals(List.of("A=1", "B=2"), spec.process().env());
        assertEquals("/srv", spec.process().cwd());
        assertEquals(1000, spec.process().uid());
        assertEquals(List.of(27), spec.process().additionalGids());
        assertTrue(spec.process().capabilities().contains("CAP_NET_ADMIN"));
        assertTrue(!spec.process().capabilities().contains("CAP_MKNOD"));
        assertEquals(new ContainerSpec.ResourceSpec(64L << 20, 50_000L, 100_000L, 50L), spec.resources());
        assertEquals(List.of(new ContainerSpec.Rlimit("RLIMIT_NOFILE", 1024, 2048)), spec.process().rlimits());
        assertEquals("""
                /tmp tmpfs tmpfs nosuid,nodev,mode=1777
                /run tmpfs tmpfs nosuid,nodev,mode=755
                /var/tmp tmpfs tmpfs nosuid,nodev,mode=1777
                /etc/hostname bind /run/jstack/demo/etc/web/hostname rbind,rprivate
                /etc/hosts bind /run/jstack/demo/etc/web/hosts rbind,rprivate
                /etc/resolv.conf bind /run/jstack/demo/etc/web/resolv.conf rbind,rprivate
                /srv bind /srv/demo/site rbind,rprivate,ro
                /var/cache/web bind /var/lib/jstack/volumes/demo_cache rbind,rprivate,rw
                /var/lib/anon bind /var/lib/jstack/containers/demo-web-1/anon/_var_lib_anon rbind,rprivate,rw
                /scratch tmpfs tmpfs nosuid,nodev,size=1048576,mode=1777
                """, mounts(spec));
    }

    @Test
    @DisplayName("a joiner of a chain: the root owner's pin, hostname and /etc files")
    void joiner() throws Exception {
        Stack stack = Stacks.named("demo").add(web()).service("client", "service:web")
                .service("probe", "service:client").build();
        ContainerSpec spec = spec(stack, "probe");
        assertEquals(Path.of("/run/netns/jstack-demo-web"), spec.netns());
        assertEquals("www", spec.hostname());
        assertTrue(spec.mounts().contains(new MountSpec("/etc/hosts", "bind", "/run/jstack/demo/etc/web/hosts",
                List.of("rbind", "rprivate"))), () -> mounts(spec));
        assertEquals(0, spec.process().uid());
    }

    @Test
    @DisplayName("host mode: no network namespace, the host's hostname, the host's /sys, its own /etc copies")
    void host() throws Exception {
        Stack stack = Stacks.named("demo").service("h", "host").service("j", "service:h").build();
        ContainerSpec h = spec(stack, "h");
        assertNull(h.netns());
        assertNull(h.hostname());
        assertTrue(mounts(h).contains("/sys bind /sys rbind,nosuid,noexec,nodev,ro\n"), () -> mounts(h));
        assertTrue(mounts(h).contains("/etc/hosts bind /run/jstack/demo/etc/h/hosts"), () -> mounts(h));
        ContainerSpec j = spec(stack, "j");
        assertNull(j.netns());
        assertTrue(mounts(j).contains("/etc/hosts bind /run/jstack/demo/etc/j/hosts"), () -> mounts(j));
    }

    @Test
    @DisplayName("ns:PATH: the path, and the service's own name as hostname")
    void namespacePath() throws Exception {
        Stack stack = Stacks.named("demo").service("probe", "ns:/run/netns/lab").build();
        ContainerSpec spec = spec(stack, "probe");
        assertEquals(Path.of("/run/netns/lab"), spec.netns());
        assertEquals("probe", spec.hostname());
    }
}
