package dev.jstack.spec;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads privileges and limits: {@code read_only}, {@code privileged}, {@code cap_add}/{@code cap_drop}
 * (upper case with the {@code CAP_} prefix, sorted; {@code ALL} kept as is), {@code mem_limit} (a size),
 * {@code cpus}, {@code pids_limit} and {@code ulimits}.
 */
final class LimitsReader {

    static final Set<String> CAPABILITIES = Set.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST",
            "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE",
            "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
            "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM",
            "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE");

    static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private final BuildContext ctx;
    private final Values v;

    LimitsReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Service.Security security(YNode.Mapping svc, String path) {
        Boolean readOnly = v.bool(svc.get("read_only"), path + ".read_only");
        Boolean privileged = v.bool(svc.get("privileged"), path + ".privileged");
        return new Service.Security(readOnly != null && readOnly, privileged != null && privileged,
                capabilities(svc.get("cap_add"), path + ".cap_add"),
                capabilities(svc.get("cap_drop"), path + ".cap_drop"));
    }

    private List<String> capabilities(YNode node, String path) {
        TreeSet<String> caps = new TreeSet<>(v.list(node, path, s -> capability(s, path)));
        return List.copyOf(caps);
    }

    private String capability(YNode.Scalar s, String path) {
        String upper = s.text().strip().toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) return upper;
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        if (CAPABILITIES.contains(bare)) return "CAP_" + bare;
        v.error(s, "`" + path + "` entry `" + s.text() + "` is not a Linux capability",
                KeyHelp.closest(bare, CAPABILITIES).map(c -> Fixes.didYouMean("CAP_" + c))
                        .orElse(Fixes.write("capability names such as NET_ADMIN or CAP_SYS_TIME, or ALL")));
        return null;
    }

    Service.Resources resources(YNode.Mapping svc, String path) {
        Long mem = null;
        String memText = v.string(svc.get("mem_limit"), path + ".mem_limit");
        if (memText != null) {
            try {
                mem = Sizes.parse(memText);
            } catch (IllegalArgumentException e) {
                v.error(svc.get("mem_limit"), "`" + path + ".mem_limit` `" + memText + "` is not a size", Fixes.SIZE);
            }
        }
        Double cpus = v.number(svc.get("cpus"), path + ".cpus", Fixes.CPUS);
        if (cpus != null && !(cpus > 0)) {
            v.error(svc.get("cpus"), "`" + path + ".cpus` must be above 0", Fixes.CPUS);
            cpus = null;
        }
        Long pids = v.integer(svc.get("pids_limit"), path + ".pids_limit", Fixes.PIDS_LIMIT);
        if (pids != null && (pids == 0 || pids < -1)) {
            v.error(svc.get("pids_limit"), "`" + path + ".pids_limit` " + pids + " is not a limit", Fixes.PIDS_LIMIT);
            pids = null;
        }
        return new Service.Resources(mem, cpus, pids, ulimits(svc.get("ulimits"), path + ".ulimits"));
    }

    private SortedMap<String, Ulimit> ulimits(YNode node, String path) {
        SortedMap<String, Ulimit> result = new TreeMap<>();
        YNode.Mapping m = v.mapping(node, path, null);
        if (m == null) return result;
        for (YNode.Entry e : m.entries().values()) {
            String p = path + "." + e.key();
            if (!ULIMITS.contains(e.key())) {
                v.error(e.keyAt(), "unknown ulimit `" + e.key() + "` in `" + path + "`", KeyHelp.closest(e.key(),
                        ULIMITS).map(Fixes::didYouMean).orElse(Fixes.write(String.join(", ", new TreeSet<>(ULIMITS)))));
                continue;
            }
            Ulimit u = ulimit(e.value(), p);
            if (u != null) result.put(e.key(), u);
        }
        return result;
    }

    private Ulimit ulimit(YNode node, String path) {
        if (node instanceof YNode.Mapping m) {
            Keys.check(m, new Keys.Place(path, Keys.ULIMIT, Set.of(), false, false), ctx.out());
            Long soft = v.integer(m.get("soft"), path + ".soft", Fixes.ULIMIT);
            Long hard = v.integer(m.get("hard"), path + ".hard", Fixes.ULIMIT);
            if (soft == null || hard == null) {
                if (!m.has("soft") || !m.has("hard")) v.error(m, "`" + path + "` needs both `soft` and `hard`",
                        Fixes.ULIMIT);
                return null;
            }
            if (soft > hard) {
                v.error(m, "`" + path + "` has soft " + soft + " above hard " + hard, Fixes.ULIMIT);
                return null;
            }
            return new Ulimit(soft, hard);
        }
        Long both = v.integer(node, path, Fixes.ULIMIT);
        return both == null ? null : new Ulimit(both, both);
    }
}
