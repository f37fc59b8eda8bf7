package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.plan.Netns;
import dev.jstack.spec.Service;
import dev.jstack.testing.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFilesTest {
    @TempDir
    Path tmp;

    private EtcFiles etc() throws Exception {
        Path hostEtc = Files.createDirectories(tmp.resolve("host"));
        Files.writeString(hostEtc.resolve("hostname"), "buildhost\n");
        Files.writeString(hostEtc.resolve("hosts"), "127.0.0.1\tlocalhost\n10.0.0.5\tbuildhost\n");
        Files.writeString(hostEtc.resolve("resolv.conf"), "search example.org\nnameserver 192.0.2.53");
        return new EtcFiles(hostEtc);
    }

    private static Service withNetwork(String mode, List<String> dns, List<String> extraHosts) {
        Service s = Stacks.service("web", mode, List.of("true"), List.of());
        return new Service(s.name(), s.rootfs(), s.process(), new Service.Network(s.network().mode(), null, null,
                dns, List.of(), List.of(), extraHosts, List.of(), List.of()), s.lifecycle(), s.security(),
                s.resources(), s.volumes(), s.labels(), s.profiles(), s.extensions());
    }

    @Test
    @DisplayName("a none owner gets generated hosts with its hostname and extra_hosts, and the host's resolvers")
    void generated() throws Exception {
        Path dir = tmp.resolve("out");
        etc().write(dir, withNetwork("none", List.of(), List.of("db=192.0.2.7", "v6:2001:db8::1")),
                new Netns.Pin("web", "/run/netns/x"), "web");
        assertEquals("web\n", Files.readString(dir.resolve("hostname")));
        assertEquals("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tweb\n"
                + "192.0.2.7\tdb\n2001:db8::1\tv6\n", Files.readString(dir.resolve("hosts")));
        assertEquals("search example.org\nnameserver 192.0.2.53\n", Files.readString(dir.resolve("resolv.conf")));
    }

    @Test
    @DisplayName("host mode copies the host's files; dns: replaces the nameservers; files are rewritten in place")
    void hostCopiesAndDns() throws Exception {
        Path dir = tmp.resolve("out");
        etc().write(dir, withNetwork("host", List.of("192.0.2.1"), List.of()), new Netns.Host(), null);
        Object inode = Files.getAttribute(dir.resolve("hosts"), "unix:ino");
        assertEquals("buildhost\n", Files.readString(dir.resolve("hostname")));
        assertEquals("127.0.0.1\tlocalhost\n10.0.0.5\tbuildhost\n", Files.readString(dir.resolve("hosts")));
        assertEquals("nameserver 192.0.2.1\n", Files.readString(dir.resolve("resolv.conf")));
        etc().write(dir, withNetwork("host", List.of(), List.of("db:192.0.2.7")), new Netns.Host(), "named");
        assertEquals("named\n", Files.readString(dir.resolve("hostname")));
        assertEquals(inode, Files.getAttribute(dir.resolve("hosts"), "unix:ino"), "joiners keep their bind mount");
        assertEquals("127.0.0.1\tlocalhost\n10.0.0.5\tbuildhost\n192.0.2.7\tdb\n",
                Files.readString(dir.resolve("hosts")));
    }
}
