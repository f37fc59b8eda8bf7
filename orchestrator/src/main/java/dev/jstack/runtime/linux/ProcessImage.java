package dev.jstack.runtime.linux;

import dev.jstack.runtime.RuntimeFailure;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Owns the replacement of this process's program by another (execve): the pid stays, and with it the children,
 * the child-subreaper role and the session. The listening socket of the supervisor is handed on as standard input,
 * so that a command that connects while the next program starts waits in its backlog instead of finding nobody;
 * every other descriptor above standard error is closed, so that nothing piles up over many replacements.
 */
public final class ProcessImage {
    private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");
    private static final Path UNIX_SOCKETS = Path.of("/proc/net/unix");
    // __SO_ACCEPTCON in /proc/net/unix's flags: the socket listens.
    private static final long LISTENING = 0x10000;

    private ProcessImage() {
    }

    /**
     * Makes the socket that listens on {@code path} this process's standard input: the next program finds it with
     * {@code System.inheritedChannel()}. Nothing happens when standard input is that socket already.
     */
    public static void handOnListener(Path path) throws RuntimeFailure {
        long inode = listeningInode(path).orElseThrow(() -> new RuntimeFailure("no socket listens on " + path));
        int fd = descriptorOf("socket:[" + inode + "]");
        if (fd < 0) {
            throw new RuntimeFailure("this process holds no descriptor of the socket on " + path);
        }
        if (fd != 0) {
            Syscalls.dup2(fd, 0);
        }
    }

    /**
     * Turns this process's standard streams away from whoever started it: standard input reads /dev/null, standard
     * output and error append to {@code log} (made when it is gone), or go to /dev/null when it cannot be opened. What
     * the JVM or a library prints later lands there.
     */
    public static void redirectStandardStreams(Path log) throws RuntimeFailure {
        int in = Syscalls.open("/dev/null", Syscalls.O_RDONLY);
        try {
            Syscalls.dup2(in, 0);
        } finally {
            Syscalls.close(in);
        }
        int out;
        try {
            out = Syscalls.open(log.toString(), Syscalls.O_WRONLY | Syscalls.O_APPEND | Syscalls.O_CREAT, 0644);
        } catch (RuntimeFailure e) {
            out = Syscalls.open("/dev/null", Syscalls.O_WRONLY);
        }
        try {
            Syscalls.dup2(out, 1);
            Syscalls.dup2(out, 2);
        } finally {
            Syscalls.close(out);
        }
    }

    /** Whether descriptor {@code fd} of this process is open and a pipe. */
    public static boolean isPipe(int fd) {
        try {
            return Files.readSymbolicLink(OWN_DESCRIPTORS.resolve(Integer.toString(fd))).toString().startsWith("pipe:");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code text} to descriptor {@code fd} and closes it. A reader that has gone is no failure: what it
     * would have read is lost with it.
     */
    public static void answerAndClose(int fd, String text) {
        try (FileOutputStream out = new FileOutputStream(OWN_DESCRIPTORS.resolve(Integer.toString(fd)).toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException readerGone) {
            // the pipe's reader has ended
        } finally {
            Syscalls.close(fd);
        }
    }

    /** Runs {@code argv} in this process instead of the current program; returns only by throwing. */
    public static void replaceWith(List<String> argv) throws RuntimeFailure {
        for (int fd : descriptors()) {
            if (fd > 2) {
                Syscalls.closeOnExec(fd);
            }
        }
        Syscalls.execv(argv);
    }

    // The inode of the socket bound to path that listens, from the kernel's table of Unix sockets.
    static OptionalLong listeningInode(Path path) throws RuntimeFailure {
        try {
            return listeningInode(Files.readAllLines(UNIX_SOCKETS, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read " + UNIX_SOCKETS + ": " + e.getMessage());
        }
    }

    /** From the lines of /proc/net/unix: {@code Num RefCount Protocol Flags Type St Inode [Path]}. */
    static OptionalLong listeningInode(List<String> table, String path) {
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 8 && fields[7].equals(path)
                    && (Long.parseLong(fields[3], 16) & LISTENING) != 0) {
                return OptionalLong.of(Long.parseLong(fields[6]));
            }
        }
        return OptionalLong.empty();
    }

    private static int descriptorOf(String target) throws RuntimeFailure {
        for (int fd : descriptors()) {
            try {
                if (Files.readSymbolicLink(OWN_DESCRIPTORS.resolve(Integer.toString(fd))).toString().equals(target)) {
                    return fd;
                }
            } catch (IOException closedMeanwhile) {
                // the directory stream's own descriptor, or one another thread closed
            }
        }
        return -1;
    }

    private static List<Integer> descriptors() throws RuntimeFailure {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(OWN_DESCRIPTORS)) {
            List<Integer> out = new ArrayList<>();
            entries.forEach(p -> out.add(Integer.parseInt(p.getFileName().toString())));
            return out;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot list " + OWN_DESCRIPTORS + ": " + e.getMessage());
        }
    }
}
