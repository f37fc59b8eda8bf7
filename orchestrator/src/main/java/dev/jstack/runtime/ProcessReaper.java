package dev.jstack.runtime;

import java.util.OptionalInt;

/**
 * The port to this process's role as a reaper of its containers: a supervisor becomes the child subreaper of
 * everything it starts, so the init processes of the containers it created become its children when runc exits,
 * and it learns how they ended. A container it did not create (adopted) is not its child: its exit code is unknown.
 */
public interface ProcessReaper {

    /** Makes orphaned descendants of this process its children instead of init's. */
    void becomeSubreaper() throws RuntimeFailure;

    /**
     * How the child {@code pid} ended (an exit status, or 128 + the signal that killed it), reaping it; empty
     * while it still runs or when it is not a child of this process. An ended child's code is remembered, so a
     * second caller gets it too.
     */
    OptionalInt exitCode(int pid);

    /** A reaper that knows no children: every exit code is unknown. */
    ProcessReaper NONE = new ProcessReaper() {
        @Override
        public void becomeSubreaper() {
        }

        @Override
        public OptionalInt exitCode(int pid) {
            return OptionalInt.empty();
        }
    };
}
