package dev.jstack.state;

import java.io.IOException;

/** Another jstack command holds the project's lock, and this one was told not to wait. */
public final class LockHeld extends IOException {

    public LockHeld(String project, long holder) {
        super("another jstack command is working on project " + project + (holder > 0 ? " (pid " + holder + ")" : "")
                + ": wait for it to finish, or run this command without --no-wait to wait for it");
    }
}
