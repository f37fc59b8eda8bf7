package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessLaunchTest {

    @Test
    @DisplayName("vfork on the JDKs that have it quietly (17 to 24), the default from 25, where it is deprecated")
    void vforkWhereItIsQuiet() {
        for (int feature : new int[] {17, 21, 24}) {
            Properties p = new Properties();
            assertTrue(ProcessLaunch.preferVfork(p, feature));
            assertEquals("VFORK", p.getProperty(ProcessLaunch.MECHANISM), "JDK " + feature);
        }
        Properties p = new Properties();
        assertFalse(ProcessLaunch.preferVfork(p, 25));
        assertNull(p.getProperty(ProcessLaunch.MECHANISM));
    }

    @Test
    @DisplayName("a mechanism the user chose is kept")
    void theUsersChoiceStays() {
        Properties p = new Properties();
        p.setProperty(ProcessLaunch.MECHANISM, "FORK");
        assertFalse(ProcessLaunch.preferVfork(p, 17));
        assertEquals("FORK", p.getProperty(ProcessLaunch.MECHANISM));
    }
}
