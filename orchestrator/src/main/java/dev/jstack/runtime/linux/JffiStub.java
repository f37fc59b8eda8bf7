package dev.jstack.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Owns where jffi, the native half of jnr-ffi, loads its stub library from. Left alone, jffi copies the library out of
 * the jar into a new temporary file in every process that makes a native call, loads it and deletes it: about 30 ms
 * of each supervisor's start and of each command that makes a call. The first jstack process that may write under
 * {@link #ROOT} copies it there once; every process after it points jffi at that copy.
 */
final class JffiStub {
    /** jffi looks for its stub in the directories this property names before it copies the one in the jar. */
    static final String PROPERTY = "jffi.boot.library.path";
    /** Where the copies live: one directory per distinct library, so that two jstack versions never share one. */
    static final Path ROOT = Path.of("/var/lib/jstack/native");
    /** The stub's name, as jffi 1.3 packs and looks for it. */
    static final String FILE = "libjffi-1.2.so";

    private JffiStub() {
    }

    /**
     * Points jffi at the copy under {@link #ROOT}, made first when missing, unless the property is set already. Any
     * failure (no stub for this machine in the jar, a directory this process may not write) leaves jffi to make its
     * own temporary copy.
     */
    static void preferCopy() {
        if (System.getProperty(PROPERTY) == null) {
            copyIn(ROOT, System.getProperty("os.arch", ""))
                    .ifPresent(dir -> System.setProperty(PROPERTY, dir.toString()));
        }
    }

    /**
     * The directory under {@code root} that holds the stub for {@code osArch}, copied there when missing. It is named
     * after the stub's CRC and size: a directory holds only the one library its name says.
     */
    static Optional<Path> copyIn(Path root, String osArch) {
        Optional<String> resource = resource(osArch);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = JffiStub.class.getClassLoader().getResourceAsStream(resource.get())) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] library = in.readAllBytes();
            CRC32 crc = new CRC32();
            crc.update(library);
            Path dir = root.resolve(String.format("jffi-%08x-%d", crc.getValue(), library.length));
            Path stub = dir.resolve(FILE);
            if (!Files.isRegularFile(stub) || Files.size(stub) != library.length) {
                write(library, dir, stub);
            }
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Where the jar holds the stub for {@code osArch}, the JVM's name of the processor; empty for other processors. */
    static Optional<String> resource(String osArch) {
        String cpu = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        return Optional.ofNullable(cpu).map(c -> "jni/" + c + "-Linux/" + FILE);
    }

    // Written under a temporary name and renamed: a process that loads the stub never sees half of it. Readable by all,
    // as the library in the jar is.
    private static void write(byte[] library, Path dir, Path stub) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            Files.write(tmp, library);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, stub, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
