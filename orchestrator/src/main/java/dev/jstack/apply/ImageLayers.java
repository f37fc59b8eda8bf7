package dev.jstack.apply;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.spec.Rootfs;
import java.nio.file.Path;
import java.util.List;

/** Where the layers of a service's image are on this host: directories for overlayfs, top first. */
@FunctionalInterface
public interface ImageLayers {

    List<Path> layers(Rootfs.Image image) throws RuntimeFailure;

    /** For hosts and tests without an image store: every image is an error that says so. */
    static ImageLayers none() {
        return image -> {
            throw new RuntimeFailure("image " + image + ": no image store is configured here");
        };
    }
}
