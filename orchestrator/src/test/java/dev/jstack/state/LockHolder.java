package dev.jstack.state;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A separate process for {@link ProjectLockTest} (a JVM's file locks are its own, so contention needs two):
 * takes the lock at its argument, printing {@code waiting} when it must wait and {@code locked} once it holds it,
 * and releases it when its standard input ends.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (ProjectLock lock = ProjectLock.acquire(Path.of(args[0]), "demo", notice -> say("waiting"))) {
            say("locked");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        say("released");
    }

    private static void say(String word) {
        System.out.println(word);
        System.out.flush();
    }
}
