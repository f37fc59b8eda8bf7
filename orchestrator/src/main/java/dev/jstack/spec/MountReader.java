package dev.jstack.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code volumes} (short {@code SRC:DST[:ro|rw]} and long syntax) and {@code tmpfs} into long-form
 * {@link Mount}s, sorted by target so that a parent is always mounted before what is mounted inside it.
 * A source that starts with {@code .}, {@code /} or {@code ~} is a bind mount (made absolute); a bare name is
 * a named volume, which must be declared under the top-level {@code volumes:}.
 */
final class MountReader {

    private final BuildContext ctx;
    private final Values v;

    MountReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    List<Mount> read(YNode.Mapping svc, String path) {
        List<Mount> mounts = new ArrayList<>();
        YNode volumes = svc.get("volumes");
        if (volumes instanceof YNode.Sequence q) {
            for (YNode item : q.items()) add(mounts, volume(item, path + ".volumes"), item);
        } else if (volumes != null && !(volumes instanceof YNode.Scalar s && s.isNull())) {
            v.error(volumes, "`" + path + ".volumes` must be a list, found " + YNode.describe(volumes),
                    Fixes.VOLUME_SHORT);
        }
        for (String t : v.strings(svc.get("tmpfs"), path + ".tmpfs")) {
            add(mounts, tmpfs(t, svc.get("tmpfs"), path + ".tmpfs"), svc.get("tmpfs"));
        }
        mounts.sort(Comparator.comparing(Mount::target));
        return mounts;
    }

    private void add(List<Mount> mounts, Mount m, YNode at) {
        if (m == null) return;
        if (mounts.stream().anyMatch(x -> x.target().equals(m.target()))) {
            v.error(at, "two mounts on `" + m.target() + "`", Fixes.duplicateKey(m.target()));
            return;
        }
        mounts.add(m);
    }

    private Mount volume(YNode item, String path) {
        if (item instanceof YNode.Mapping m) return longVolume(m, path);
        if (item instanceof YNode.Scalar s && !s.isNull()) return s.broken() ? null : shortVolume(s, path);
        v.error(item, "`" + path + "` entries must be strings or mappings, found " + YNode.describe(item),
                Fixes.VOLUME_SHORT);
        return null;
    }

    private Mount shortVolume(YNode.Scalar s, String path) {
        String[] parts = s.text().split(":", -1);
        if (parts.length > 3 || parts.length == 3 && !parts[2].matches("ro|rw")) {
            String why = parts.length > 3 ? "has too many `:`" : "has mode `" + parts[2] + "`";
            v.error(s, "`" + path + "` entry `" + s.text() + "` " + why,
                    parts.length > 3 ? Fixes.VOLUME_SHORT : Fixes.VOLUME_MODE);
            return null;
        }
        if (parts.length == 1) return target(parts[0], s, path) == null ? null
                : new Mount(Mount.Type.VOLUME, null, parts[0], false, false, 0, -1);
        boolean readOnly = parts.length == 3 && parts[2].equals("ro");
        return source(parts[0], parts[1], readOnly, true, s, path);
    }

    /** A bind or named volume from a source as written; null when something is wrong (reported). */
    private Mount source(String source, String target, boolean readOnly, boolean create, YNode at, String path) {
        if (target(target, at, path) == null) return null;
        if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
            String abs = ctx.hostPath(source, at.at());
            return abs == null ? null : new Mount(Mount.Type.BIND, abs, target, readOnly, create, 0, -1);
        }
        if (!namedVolume(source, at, path)) return null;
        return new Mount(Mount.Type.VOLUME, source, target, readOnly, false, 0, -1);
    }

    private boolean namedVolume(String name, YNode at, String path) {
        if (ctx.declaredVolumes().contains(name)) return true;
        v.error(at, "`" + path + "` uses the volume `" + name + "`, which is not declared", Fixes.volumeDeclared(name));
        return false;
    }

    private String target(String target, YNode at, String path) {
        if (target.startsWith("/")) return target;
        v.error(at, "`" + path + "` target `" + target + "` is not an absolute path", Fixes.ABSOLUTE_TARGET);
        return null;
    }

    private Mount longVolume(YNode.Mapping m, String path) {
        Keys.check(m, new Keys.Place(path + "[]", Keys.VOLUME, Keys.VOLUME_UNSUPPORTED, false, false), ctx.out());
        String type = v.string(m.get("type"), path + "[].type");
        String source = v.string(m.get("source"), path + "[].source");
        String target = v.string(m.get("target"), path + "[].target");
        Boolean ro = v.bool(m.get("read_only"), path + "[].read_only");
        boolean readOnly = ro != null && ro;
        if (target == null) {
            if (!m.has("target")) v.error(m, "`" + path + "` entry has no `target`", Fixes.ABSOLUTE_TARGET);
            return null;
        }
        if (type == null) {
            if (!m.has("type")) v.error(m, "`" + path + "` entry has no `type`", Fixes.VOLUME_TYPE);
            return null;
        }
        return switch (type) {
            case "bind" -> bind(m, source, target, readOnly, path);
            case "volume" -> volumeMount(m, source, target, readOnly, path);
            case "tmpfs" -> longTmpfs(m, target, readOnly, path);
            default -> {
                v.error(m.get("type"), "`" + path + "[].type` `" + type + "` is not supported", Fixes.VOLUME_TYPE);
                yield null;
            }
        };
    }

    /** A named volume, or an anonymous one when there is no source. */
    private Mount volumeMount(YNode.Mapping m, String source, String target, boolean readOnly, String path) {
        if (target(target, m, path) == null) return null;
        if (source != null && !namedVolume(source, m, path)) return null;
        return new Mount(Mount.Type.VOLUME, source, target, readOnly, false, 0, -1);
    }

    private Mount bind(YNode.Mapping m, String source, String target, boolean readOnly, String path) {
        if (source == null) {
            v.error(m, "`" + path + "` bind mount has no `source`", Fixes.VOLUME_SHORT);
            return null;
        }
        YNode.Mapping bind = v.mapping(m.get("bind"), path + "[].bind", m.at());
        boolean create = false;
        if (bind != null) {
            Keys.check(bind, new Keys.Place(path + "[].bind", Keys.BIND, Keys.BIND_UNSUPPORTED, false, false),
                    ctx.out());
            Boolean c = v.bool(bind.get("create_host_path"), path + "[].bind.create_host_path");
            create = c != null && c;
        }
        if (target(target, m, path) == null) return null;
        String abs = ctx.hostPath(source, m.at());
        return abs == null ? null : new Mount(Mount.Type.BIND, abs, target, readOnly, create, 0, -1);
    }

    private Mount longTmpfs(YNode.Mapping m, String target, boolean readOnly, String path) {
        YNode.Mapping t = v.mapping(m.get("tmpfs"), path + "[].tmpfs", m.at());
        long size = 0;
        int mode = -1;
        if (t != null) {
            Keys.check(t, new Keys.Place(path + "[].tmpfs", Keys.TMPFS, Set.of(), false, false), ctx.out());
            String sz = v.string(t.get("size"), path + "[].tmpfs.size");
            if (sz != null) size = size(sz, t.get("size"), path + "[].tmpfs.size");
            String md = v.string(t.get("mode"), path + "[].tmpfs.mode");
            if (md != null) mode = mode(md, t.get("mode"), path + "[].tmpfs.mode");
        }
        if (target(target, m, path) == null) return null;
        return new Mount(Mount.Type.TMPFS, null, target, readOnly, false, size, mode);
    }

    /** {@code /path[:opt,opt]} with options {@code size=}, {@code mode=}, {@code ro}, {@code rw}. */
    private Mount tmpfs(String text, YNode at, String path) {
        int colon = text.indexOf(':');
        String target = colon < 0 ? text : text.substring(0, colon);
        long size = 0;
        int mode = -1;
        boolean readOnly = false;
        for (String opt : colon < 0 ? new String[0] : text.substring(colon + 1).split(",")) {
            if (opt.startsWith("size=")) size = size(opt.substring(5), at, path);
            else if (opt.startsWith("mode=")) mode = mode(opt.substring(5), at, path);
            else if (opt.equals("ro") || opt.equals("rw")) readOnly = opt.equals("ro");
            else v.error(at, "`" + path + "` option `" + opt + "` is not supported", Fixes.TMPFS_OPTION);
        }
        if (target(target, at, path) == null) return null;
        return new Mount(Mount.Type.TMPFS, null, target, readOnly, false, size, mode);
    }

    private long size(String text, YNode at, String path) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            v.error(at, "`" + path + "` `" + text + "` is not a size", Fixes.SIZE);
            return 0;
        }
    }

    /** A mode is octal as written ({@code 1777}, {@code 0o755}, {@code 0755}), as chmod reads it. */
    private int mode(String text, YNode at, String path) {
        String digits = text.startsWith("0o") ? text.substring(2) : text;
        if (digits.matches("[0-7]{1,4}")) return Integer.parseInt(digits, 8);
        v.error(at, "`" + path + "` `" + text + "` is not an octal mode", Fixes.TMPFS_MODE);
        return -1;
    }
}
