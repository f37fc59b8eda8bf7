package dev.jstack.spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads order, restarts, health and stopping: {@code depends_on} (always long form), {@code restart},
 * {@code healthcheck} (Docker's defaults), {@code stop_signal} (SIGTERM) and {@code stop_grace_period} (10s).
 */
final class LifecycleReader {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 3;
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);

    /** The names of the signals (without SIG) a stack may name, besides SIGRTMIN+n, SIGRTMAX-n and numbers. */
    static final Set<String> SIGNALS = Set.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "IOT", "BUS",
            "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "POLL", "PWR", "SYS");

    private final BuildContext ctx;
    private final Values v;

    LifecycleReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Service.Lifecycle read(YNode.Mapping svc, String path) {
        String grace = path + ".stop_grace_period";
        Duration stopGrace = duration(svc.get("stop_grace_period"), grace, DEFAULT_GRACE);
        return new Service.Lifecycle(dependsOn(svc.get("depends_on"), path + ".depends_on"),
                restart(svc.get("restart"), path + ".restart"),
                healthcheck(svc.get("healthcheck"), path + ".healthcheck"),
                signal(svc.get("stop_signal"), path + ".stop_signal"), stopGrace);
    }

    private SortedMap<String, Dependency> dependsOn(YNode node, String path) {
        SortedMap<String, Dependency> result = new TreeMap<>();
        if (node != null && !(node instanceof YNode.Mapping) && !(node instanceof YNode.Scalar s && s.isNull())) {
            v.error(node, "`" + path + "` must be a list or a mapping, found " + YNode.describe(node),
                    Fixes.write("a list of service names, or a mapping of names to {condition, restart, required}"));
            return result;
        }
        YNode.Mapping m = v.mapping(node, path, null);
        for (YNode.Entry e : m.entries().values()) {
            Dependency d = dependency(e.value(), path + "." + e.key());
            if (d != null) result.put(e.key(), d);
        }
        return result;
    }

    private Dependency dependency(YNode node, String path) {
        YNode.Mapping m = v.mapping(node, path, null);
        if (m == null) return null;
        Keys.check(m, new Keys.Place(path, Keys.DEPENDENCY, Set.of(), false, false), ctx.out());
        Dependency.Condition condition = Dependency.Condition.SERVICE_STARTED;
        String text = v.string(m.get("condition"), path + ".condition");
        if (text != null) {
            try {
                condition = Dependency.Condition.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.error(m.get("condition"), "`" + path + ".condition` `" + text + "` is not a condition",
                        Fixes.CONDITION);
            }
        }
        Boolean restart = v.bool(m.get("restart"), path + ".restart");
        Boolean required = v.bool(m.get("required"), path + ".required");
        return new Dependency(condition, restart != null && restart, required == null || required);
    }

    private RestartPolicy restart(YNode node, String path) {
        String text = v.string(node, path);
        if (text == null) return RestartPolicy.NO;
        switch (text) {
            case "no": return RestartPolicy.NO;
            case "always": return new RestartPolicy(RestartPolicy.Kind.ALWAYS, 0);
            case "unless-stopped": return new RestartPolicy(RestartPolicy.Kind.UNLESS_STOPPED, 0);
            case "on-failure": return new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, 0);
            default: break;
        }
        if (text.matches("on-failure:[1-9]\\d{0,8}")) {
            return new RestartPolicy(RestartPolicy.Kind.ON_FAILURE, Integer.parseInt(text.substring(11)));
        }
        v.error(node, "`" + path + "` `" + text + "` is not a restart policy", Fixes.RESTART);
        return RestartPolicy.NO;
    }

    private Healthcheck healthcheck(YNode node, String path) {
        if (node == null) return null;
        YNode.Mapping m = v.mapping(node, path, null);
        if (m == null) return null;
        Keys.check(m, new Keys.Place(path, Keys.HEALTHCHECK, Set.of(), false, false), ctx.out());
        List<String> test = test(m.get("test"), path + ".test");
        Long retries = v.integer(m.get("retries"), path + ".retries", Fixes.write("a number of retries, 0 or more"));
        if (retries != null && retries < 0) {
            v.error(m.get("retries"), "`" + path + ".retries` must not be negative", Fixes.write("0 or more"));
            retries = null;
        }
        Boolean disable = v.bool(m.get("disable"), path + ".disable");
        boolean off = disable != null && disable || test.equals(List.of("NONE"));
        return new Healthcheck(test, duration(m.get("interval"), path + ".interval", DEFAULT_INTERVAL),
                duration(m.get("timeout"), path + ".timeout", DEFAULT_TIMEOUT),
                retries == null ? DEFAULT_RETRIES : retries.intValue(),
                duration(m.get("start_period"), path + ".start_period", Duration.ZERO),
                duration(m.get("start_interval"), path + ".start_interval", DEFAULT_START_INTERVAL), off);
    }

    /** The test in list form; empty when not set (the image's own test applies). */
    private List<String> test(YNode node, String path) {
        if (node == null || node instanceof YNode.Scalar s && (s.isNull() || s.broken())) return List.of();
        if (node instanceof YNode.Scalar s) {
            if (s.text().isBlank()) {
                v.error(node, "`" + path + "` is empty", Fixes.HEALTHCHECK_TEST);
                return List.of();
            }
            return List.of("CMD-SHELL", s.text());
        }
        if (node instanceof YNode.Mapping) {
            v.error(node, "`" + path + "` must be a string or a list, found a mapping", Fixes.HEALTHCHECK_TEST);
            return List.of();
        }
        List<String> list = v.list(node, path, YNode.Scalar::text);
        String problem = testProblem(list);
        if (problem != null) {
            v.error(node, "`" + path + "` " + problem, Fixes.HEALTHCHECK_TEST);
            return List.of();
        }
        return list;
    }

    private static String testProblem(List<String> list) {
        if (list.isEmpty()) return "is an empty list";
        String first = list.get(0);
        return switch (first) {
            case "CMD" -> list.size() < 2 ? "has no command after CMD" : null;
            case "CMD-SHELL" -> list.size() != 2 ? "needs exactly one command string after CMD-SHELL" : null;
            case "NONE" -> list.size() != 1 ? "has values after NONE" : null;
            default -> "starts with `" + first + "`, not with CMD, CMD-SHELL or NONE";
        };
    }

    private String signal(YNode node, String path) {
        String text = v.string(node, path);
        if (text == null) return "SIGTERM";
        String upper = text.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        if (SIGNALS.contains(bare)) return "SIG" + bare;
        if (bare.matches("RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-5]))?")) return "SIG" + bare;
        if (bare.matches("[1-9]|[1-5]\\d|6[0-4]")) return bare;
        v.error(node, "`" + path + "` `" + text + "` is not a signal", Fixes.SIGNAL);
        return "SIGTERM";
    }

    /** A duration, or {@code fallback} when absent or wrong (wrong ones are reported). */
    Duration duration(YNode node, String path, Duration fallback) {
        String text = v.string(node, path);
        if (text == null) return fallback;
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            v.error(node, "`" + path + "` `" + text + "` is " + e.getMessage(), Fixes.DURATION);
            return fallback;
        }
    }
}
