package dev.jstack.cli;

import java.util.Properties;

/**
 * Owns how this process starts programs (runc above all): by vfork and exec where the JDK does that without a word.
 * Java 17's default, posix_spawn, execs the JDK's jspawnhelper, which then execs the program: on a 2-core machine
 * 14 ms of wall time per start against 7 ms, and about twice the CPU. JDK 25 deprecates vfork and prints a warning
 * on the first start, so there the default stays; so does whatever the user set.
 */
final class ProcessLaunch {
    static final String MECHANISM = "jdk.lang.Process.launchMechanism";
    private static final int VFORK_DEPRECATED_IN = 25;

    private ProcessLaunch() {
    }

    /** Chooses vfork for this JVM; to be called before the first program starts. */
    static void preferVfork() {
        preferVfork(System.getProperties(), Runtime.version().feature());
    }

    /** Chooses vfork in {@code properties} for a JDK of release {@code feature}; true when it did. */
    static boolean preferVfork(Properties properties, int feature) {
        if (feature >= VFORK_DEPRECATED_IN || properties.getProperty(MECHANISM) != null) {
            return false;
        }
        properties.setProperty(MECHANISM, "VFORK");
        return true;
    }
}
