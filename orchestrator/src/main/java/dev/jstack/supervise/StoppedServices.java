package dev.jstack.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Owns the list of services a user stopped with {@code jstack stop}: the supervisor does not bring them back
 * until {@code up}, {@code start} or {@code restart} names them again. It is a file, written only under the
 * project's lock, rather than a request to the supervisor, so that it also holds while no supervisor runs and
 * across a supervisor that is started anew.
 */
public final class StoppedServices {
    private final Path file;

    public StoppedServices(Path file) {
        this.file = file;
    }

    public static StoppedServices of(SupervisorFiles files) {
        return new StoppedServices(files.stopped());
    }

    /** The services stopped by the user; empty when the file is missing or unreadable. */
    public SortedSet<String> read() {
        SortedSet<String> out = new TreeSet<>();
        try {
            if (Files.isRegularFile(file)) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                        .filter(s -> !s.isEmpty()).forEach(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Marks {@code services} as stopped by the user. */
    public void add(Collection<String> services) throws IOException {
        SortedSet<String> now = read();
        if (now.addAll(services)) {
            write(now);
        }
    }

    /** Lifts the mark of {@code services}: the supervisor's restart policy applies to them again. */
    public void remove(Collection<String> services) throws IOException {
        SortedSet<String> now = read();
        if (now.removeAll(services)) {
            write(now);
        }
    }

    // Written whole and moved into place, so a supervisor reading it never sees half a list.
    private void write(SortedSet<String> services) throws IOException {
        if (services.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, String.join("\n", services) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
