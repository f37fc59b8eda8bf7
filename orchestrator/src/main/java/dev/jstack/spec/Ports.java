package dev.jstack.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads port publications and exposed ports, and prints them in one normalized form:
 * {@code [IP:][PUBLISHED:]TARGET/PROTOCOL} (the protocol always written, IPv6 addresses in brackets) and
 * {@code PORT/PROTOCOL} for {@code expose}. Ports are 1..65535; ranges ({@code 8000-8010}) are kept as ranges.
 */
final class Ports {

    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "sctp");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Ports() {
    }

    /** Normalizes the short syntax {@code [IP:][[PUBLISHED]:]TARGET[/PROTOCOL]}. */
    static String normalize(String text) {
        String[] proto = splitProtocol(text.strip());
        String rest = proto[0];
        String ip = "";
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) throw new IllegalArgumentException("an unclosed `[` around the IP address");
            ip = rest.substring(1, close);
            rest = rest.substring(close + 2);
            if (!rest.contains(":")) rest = ":" + rest;
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 3 && ip.isEmpty()) {
            int cut = rest.lastIndexOf(':', rest.lastIndexOf(':') - 1);
            ip = rest.substring(0, cut);
            parts = rest.substring(cut + 1).split(":", -1);
        }
        if (parts.length == 3) {
            ip = parts[0];
            parts = new String[] {parts[1], parts[2]};
        }
        if (parts.length > 2) throw new IllegalArgumentException("too many `:`");
        String target = range(parts[parts.length - 1], "target port");
        String published = parts.length == 2 && !parts[0].isEmpty() ? range(parts[0], "published port") : "";
        checkRanges(published, target);
        return address(ip) + (published.isEmpty() && ip.isEmpty() ? "" : published + ":") + target + "/" + proto[1];
    }

    /** Normalizes an {@code expose} entry: {@code PORT[-END][/PROTOCOL]}. */
    static String expose(String text) {
        String[] proto = splitProtocol(text.strip());
        return range(proto[0], "port") + "/" + proto[1];
    }

    private static String[] splitProtocol(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) return new String[] {text, "tcp"};
        String protocol = text.substring(slash + 1).toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("unknown protocol `" + text.substring(slash + 1) + "`");
        }
        return new String[] {text.substring(0, slash), protocol};
    }

    private static String address(String ip) {
        if (ip.isEmpty()) return "";
        if (IPV4.matcher(ip).matches()) {
            for (String octet : ip.split("\\.")) {
                if (Integer.parseInt(octet) > 255) throw new IllegalArgumentException("`" + ip + "` is not an IP");
            }
            return ip + ":";
        }
        if (IPV6.matcher(ip).matches()) return "[" + ip + "]:";
        throw new IllegalArgumentException("`" + ip + "` is not an IP address");
    }

    /** A port or a range {@code A-B}, checked and returned as written without leading zeros. */
    static String range(String text, String what) {
        int dash = text.indexOf('-');
        if (dash < 0) return String.valueOf(port(text, what));
        int from = port(text.substring(0, dash), what);
        int to = port(text.substring(dash + 1), what);
        if (from > to) throw new IllegalArgumentException("the " + what + " range `" + text + "` is reversed");
        return from + "-" + to;
    }

    private static int port(String text, String what) {
        if (!text.matches("\\d{1,5}")) throw new IllegalArgumentException("the " + what + " `" + text
                + "` is not a number");
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) throw new IllegalArgumentException("the " + what + " " + p + " is not in 1..65535");
        return p;
    }

    private static void checkRanges(String published, String target) {
        if (published.isEmpty() || !target.contains("-")) return;
        if (!published.contains("-")) return;
        if (length(published) != length(target)) {
            throw new IllegalArgumentException("the ranges " + published + " and " + target + " differ in length");
        }
    }

    private static int length(String range) {
        String[] ends = range.split("-");
        return Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]);
    }
}
