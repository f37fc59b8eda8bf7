package dev.jstack.spec;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds one {@link Service} from its merged mapping, delegating each part to its reader. Whatever is wrong
 * is reported and left at its default, so that a service is always built and later checks can still run.
 */
final class ServiceReader {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /** A service and its network mode when that was written correctly (null otherwise). */
    record Result(Service service, NetworkMode declaredMode) {
    }

    private final BuildContext ctx;
    private final Values v;

    ServiceReader(BuildContext ctx) {
        this.ctx = ctx;
        this.v = ctx.values();
    }

    Result read(YNode.Entry entry) {
        String name = entry.key();
        String path = "services." + name;
        if (!NAME.matcher(name).matches()) {
            v.error(entry.keyAt(), "`" + name + "` is not a valid service name", Fixes.SERVICE_NAME);
        }
        YNode.Mapping svc = v.mapping(entry.value(), path, entry.keyAt());
        if (svc == null) {
            // reported as a wrong type: build an empty service for the rules without more messages about it
            YNode.Entry empty = new YNode.Entry(name, entry.keyAt(), YNode.emptyMapping(entry.value().at()));
            return new ServiceReader(ctx.quiet()).read(empty);
        }
        Keys.check(svc, new Keys.Place(path, Keys.SERVICE, Keys.SERVICE_UNSUPPORTED, true, false), ctx.out());
        NetworkReader.Result network = new NetworkReader(ctx).read(name, svc, entry.keyAt(), path);
        LimitsReader limits = new LimitsReader(ctx);
        Service service = new Service(name, rootfs(svc, entry.keyAt(), path),
                new ProcessReader(ctx).read(svc, path), network.network(),
                new LifecycleReader(ctx).read(svc, path), limits.security(svc, path), limits.resources(svc, path),
                new MountReader(ctx).read(svc, path), labels(svc.get("labels"), path + ".labels"),
                profiles(svc.get("profiles"), path + ".profiles"), extensions(svc));
        return new Result(service, network.declared());
    }

    /** Exactly one of {@code image} and {@code rootfs}; a placeholder when that is not so (reported). */
    private Rootfs rootfs(YNode.Mapping svc, Position serviceAt, String path) {
        boolean hasImage = present(svc, "image");
        boolean hasRootfs = present(svc, "rootfs");
        if (hasImage == hasRootfs) {
            String what = hasImage ? "sets both `image` and `rootfs`" : "has neither `image` nor `rootfs`";
            v.error(hasImage ? svc.keyAt("rootfs") : serviceAt, "`" + path + "` " + what, Fixes.ROOTFS_ONE);
            return new Rootfs.HostRoot();
        }
        if (hasImage) {
            String image = v.string(svc.get("image"), path + ".image");
            if (image != null && image.isBlank()) {
                v.error(svc.get("image"), "`" + path + ".image` is empty", Fixes.ROOTFS_ONE);
            }
            return new Rootfs.Image(image == null ? "" : image.strip());
        }
        String dir = v.string(svc.get("rootfs"), path + ".rootfs");
        if (dir == null || dir.equals("host")) return new Rootfs.HostRoot();
        String abs = ctx.hostPath(dir, svc.get("rootfs").at());
        return abs == null ? new Rootfs.HostRoot() : new Rootfs.Directory(abs);
    }

    /** Present with a value, or with one that failed to interpolate (reported already). */
    private static boolean present(YNode.Mapping svc, String key) {
        return svc.get(key) != null && !(svc.get(key) instanceof YNode.Scalar s && s.isNull());
    }

    private SortedMap<String, String> labels(YNode node, String path) {
        SortedMap<String, String> labels = new TreeMap<>();
        v.stringMap(node, path).forEach((k, value) -> labels.put(k, value == null ? "" : value));
        return labels;
    }

    private List<String> profiles(YNode node, String path) {
        return v.list(node, path, s -> {
            if (NAME.matcher(s.text()).matches()) return s.text();
            v.error(s, "`" + s.text() + "` is not a valid profile name", Fixes.PROFILE_NAME);
            return null;
        });
    }

    static SortedMap<String, Object> extensions(YNode.Mapping m) {
        SortedMap<String, Object> result = new TreeMap<>();
        for (YNode.Entry e : m.entries().values()) {
            if (e.key().startsWith("x-")) result.put(e.key(), Values.plain(e.value()));
        }
        return result;
    }
}
