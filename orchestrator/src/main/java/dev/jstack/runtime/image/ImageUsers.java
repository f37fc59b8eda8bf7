package dev.jstack.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Owns the question which containers use which image: every bundle jstack wrote, of any project, carries the image
 * id in its {@value #ANNOTATION} annotation, and a bundle exists for exactly as long as its container.
 */
public final class ImageUsers {
    /** The bundle annotation that names a container's image id. */
    public static final String ANNOTATION = "dev.jstack.image";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageUsers() {
    }

    /** Image id to the sorted names of the containers using it, from {@code RUN_ROOT/PROJECT/bundles/ID}. */
    public static SortedMap<String, List<String>> scan(Path runRoot) throws IOException {
        SortedMap<String, List<String>> users = new TreeMap<>();
        for (Path project : children(runRoot)) {
            for (Path bundle : children(project.resolve("bundles"))) {
                String id = imageOf(bundle.resolve("config.json"));
                if (id != null) {
                    users.computeIfAbsent(id, k -> new ArrayList<>()).add(bundle.getFileName().toString());
                }
            }
        }
        users.values().forEach(list -> list.sort(null));
        return users;
    }

    private static String imageOf(Path config) {
        try {
            JsonNode image = JSON.readTree(config.toFile()).path("annotations").get(ANNOTATION);
            return image == null ? null : image.asText();
        } catch (IOException e) {
            // A bundle being written or removed right now: it has no container yet, or none any more.
            return null;
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The ids in use, as {@link ImageStore#importImage} keeps them. */
    public static java.util.Set<String> ids(Map<String, List<String>> users) {
        return java.util.Set.copyOf(users.keySet());
    }
}
