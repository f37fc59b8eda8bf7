package dev.jstack.apply;

import dev.jstack.plan.Netns;
import dev.jstack.spec.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Owns the /etc/hostname, /etc/hosts and /etc/resolv.conf of one namespace owner, which its joiners share: copies
 * of the host's in host mode, generated files otherwise. They are rewritten in place, never replaced, so that
 * joiners that bind-mounted them keep seeing the owner's current files.
 */
public final class EtcFiles {
    public static final List<String> NAMES = List.of("hostname", "hosts", "resolv.conf");

    private final Path hostEtc;

    public EtcFiles(Path hostEtc) {
        this.hostEtc = hostEtc;
    }

    /** Writes the three files of {@code owner} into {@code dir}; {@code hostname} is the one its UTS holds. */
    public void write(Path dir, Service owner, Netns netns, String hostname) throws IOException {
        Files.createDirectories(dir);
        Service.Network n = owner.network();
        String name = hostname != null ? hostname : hostHostname();
        writeInPlace(dir.resolve("hostname"), name + "\n");
        String hosts = netns instanceof Netns.Host ? read(hostEtc.resolve("hosts")) : generatedHosts(name);
        writeInPlace(dir.resolve("hosts"), hosts + extraHosts(n.extraHosts()));
        writeInPlace(dir.resolve("resolv.conf"), resolvConf(n));
    }

    static String generatedHosts(String hostname) {
        return "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "127.0.1.1\t" + hostname + "\n";
    }

    // Compose writes extra_hosts as host:ip or host=ip; an IPv6 address has colons, so '=' wins when present.
    static String extraHosts(List<String> entries) {
        StringBuilder out = new StringBuilder();
        for (String e : entries == null ? List.<String>of() : entries) {
            int eq = e.indexOf('=');
            int at = eq >= 0 ? eq : e.indexOf(':');
            if (at > 0) {
                String ip = e.substring(at + 1).replaceAll("^\\[|]$", "");
                out.append(ip).append('\t').append(e, 0, at).append('\n');
            }
        }
        return out.toString();
    }

    private String resolvConf(Service.Network n) throws IOException {
        if (isEmpty(n.dns()) && isEmpty(n.dnsSearch()) && isEmpty(n.dnsOpt())) {
            return read(hostEtc.resolve("resolv.conf"));
        }
        StringBuilder out = new StringBuilder();
        if (!isEmpty(n.dnsSearch())) out.append("search ").append(String.join(" ", n.dnsSearch())).append('\n');
        if (!isEmpty(n.dns())) {
            n.dns().forEach(ip -> out.append("nameserver ").append(ip).append('\n'));
        } else {
            read(hostEtc.resolve("resolv.conf")).lines().filter(l -> l.startsWith("nameserver"))
                    .forEach(l -> out.append(l).append('\n'));
        }
        if (!isEmpty(n.dnsOpt())) out.append("options ").append(String.join(" ", n.dnsOpt())).append('\n');
        return out.toString();
    }

    private String hostHostname() throws IOException {
        String name = read(hostEtc.resolve("hostname")).trim();
        return name.isEmpty() ? "localhost" : name;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    private static void writeInPlace(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
