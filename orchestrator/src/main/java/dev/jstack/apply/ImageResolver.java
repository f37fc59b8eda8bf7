package dev.jstack.apply;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.runtime.image.Digest;
import dev.jstack.runtime.image.ImageConfig;
import dev.jstack.runtime.image.ImageFailure;
import dev.jstack.runtime.image.ImageRecord;
import dev.jstack.runtime.image.ImageReference;
import dev.jstack.runtime.image.ImageStore;
import dev.jstack.spec.Rootfs;
import dev.jstack.spec.Service;
import dev.jstack.spec.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Owns running services from stored images as Docker does: it pins each {@code image: NAME[:TAG]} to the image id
 * it names now ({@code NAME:TAG@sha256:ID}, so the config hash changes when the tag moves), and fills in the
 * image's defaults: Entrypoint and Cmd ({@code command} replaces Cmd; {@code entrypoint} replaces Entrypoint and
 * clears Cmd), Env under the service's environment, WorkingDir, User and StopSignal where the service sets none.
 */
public final class ImageResolver implements ImageLayers {
    private final ImageStore store;

    public ImageResolver(ImageStore store) {
        this.store = store;
    }

    /** The stack with every image service resolved; a service whose image is not stored is left as written. */
    public Stack resolve(Stack stack) throws RuntimeFailure {
        SortedMap<String, Service> services = new TreeMap<>();
        for (Service s : stack.services().values()) {
            services.put(s.name(), s.rootfs() instanceof Rootfs.Image image ? resolve(s, image) : s);
        }
        return new Stack(stack.name(), stack.projectDir(), stack.files(), services, stack.volumes(),
                stack.extensions());
    }

    /** Fails, saying how to import it, for the first service of a resolved stack whose image is not stored. */
    public static void requireImages(Stack resolved, Path storeRoot) throws RuntimeFailure {
        for (Service s : resolved.services().values()) {
            if (s.rootfs() instanceof Rootfs.Image image && !image.reference().contains("@")) {
                ImageReference ref = ImageReference.parse(image.reference());
                throw new ImageFailure("service `" + s.name() + "`: image " + ref + " is not in the image store "
                        + storeRoot + "\n  fix: import it: jstack image import " + ref
                        + " FILE (a docker save or OCI archive, an OCI layout or a rootfs tarball)");
            }
        }
    }

    private Service resolve(Service s, Rootfs.Image image) throws RuntimeFailure {
        ImageReference ref;
        try {
            ref = ImageReference.parse(image.reference());
        } catch (IllegalArgumentException e) {
            throw new ImageFailure("service `" + s.name() + "`: " + e.getMessage());
        }
        Optional<ImageRecord> record = store.find(ref);
        if (record.isEmpty()) {
            return s;
        }
        ImageConfig c = store.config(record.get());
        Service.Process p = withDefaults(s.process(), c);
        if ((p.entrypoint() == null || p.entrypoint().isEmpty()) && (p.command() == null || p.command().isEmpty())) {
            throw new ImageFailure("service `" + s.name() + "`: image " + ref + " has no Entrypoint or Cmd"
                    + "\n  fix: give the service a `command:`");
        }
        Service.Lifecycle l = s.lifecycle();
        if (l != null && l.stopSignal() == null && c.stopSignal() != null) {
            l = new Service.Lifecycle(l.dependsOn(), l.restart(), l.healthcheck(), c.stopSignal(),
                    l.stopGracePeriod());
        }
        return new Service(s.name(), new Rootfs.Image(ref + "@" + record.get().id()), p, s.network(), l,
                s.security(), s.resources(), s.volumes(), s.labels(), s.profiles(), s.extensions());
    }

    static Service.Process withDefaults(Service.Process p, ImageConfig c) {
        List<String> entrypoint = p.entrypoint() != null ? p.entrypoint() : orEmpty(c.entrypoint());
        List<String> command = p.command() != null ? p.command()
                : p.entrypoint() != null ? List.of() : orEmpty(c.cmd());
        SortedMap<String, String> env = new TreeMap<>();
        for (String pair : orEmpty(c.env())) {
            int eq = pair.indexOf('=');
            env.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        env.putAll(p.environment());
        String cwd = blank(p.workingDir()) ? c.workingDir() : p.workingDir();
        String user = blank(p.user()) ? c.user() : p.user();
        return new Service.Process(entrypoint, command, env, cwd, user, p.init());
    }

    @Override
    public List<Path> layers(Rootfs.Image image) throws RuntimeFailure {
        String reference = image.reference();
        int at = reference.indexOf('@');
        if (at < 0) {
            throw new ImageFailure("image " + reference + " is not in the image store " + store.root()
                    + "\n  fix: import it: jstack image import " + reference + " FILE");
        }
        return store.layerDirs(Digest.parse(reference.substring(at + 1)));
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : new ArrayList<>(list);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
