package dev.jstack.runtime.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The store's {@code index.json}: every name:tag with its image, sorted by name and tag. Written to a temp file
 * and renamed, so a reader sees the old index or the new one, never half of one.
 */
final class ImageIndex {

    // Built on first use: every command that opens a project makes a store, most never read its index, and the
    // first ObjectMapper of a process costs it tens of milliseconds.
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    private static final Comparator<ImageRecord> ORDER =
            Comparator.comparing(ImageRecord::name).thenComparing(ImageRecord::tag);

    private final Path file;

    ImageIndex(Path file) {
        this.file = file;
    }

    /** The records, sorted; none when the store is new. */
    List<ImageRecord> read() throws ImageFailure {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Images images = Mapper.JSON.readValue(file.toFile(), Images.class);
            List<ImageRecord> out = new ArrayList<>(images.images() == null ? List.of() : images.images());
            out.sort(ORDER);
            return List.copyOf(out);
        } catch (IOException e) {
            throw new ImageFailure("cannot read the image index " + file + ": " + e.getMessage()
                    + "\n  fix: restore the file, or remove the store " + file.getParent() + " and import again", e);
        }
    }

    Optional<ImageRecord> find(ImageReference ref) throws ImageFailure {
        return read().stream().filter(r -> r.reference().equals(ref)).findFirst();
    }

    void write(List<ImageRecord> records) throws IOException {
        List<ImageRecord> sorted = new ArrayList<>(records);
        sorted.sort(ORDER);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Mapper.JSON.writeValue(temp.toFile(), new Images(sorted));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file's shape: an object, so that fields can be added later. */
    record Images(List<ImageRecord> images) {
    }
}
