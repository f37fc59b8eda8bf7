package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.runtime.image.ImageConfig;
import dev.jstack.spec.Service;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The image's defaults as Docker applies them under a service's own settings. */
class ImageDefaultsTest {
    private static final ImageConfig IMAGE = new ImageConfig(List.of("/entry"), List.of("serve", "--port=80"),
            List.of("PATH=/bin", "MODE=image", "EMPTY"), "/srv", "1000:1000", "SIGQUIT", null, List.of());

    private static Service.Process process(List<String> entrypoint, List<String> command, Map<String, String> env,
                                           String cwd, String user) {
        return new Service.Process(entrypoint, command, new TreeMap<>(env), cwd, user, false);
    }

    @Test
    void theImageGivesEverythingTheServiceLeavesOut() {
        Service.Process p = ImageResolver.withDefaults(process(null, null, Map.of(), null, null), IMAGE);
        assertEquals(List.of("/entry"), p.entrypoint());
        assertEquals(List.of("serve", "--port=80"), p.command());
        assertEquals(Map.of("PATH", "/bin", "MODE", "image", "EMPTY", ""), p.environment());
        assertEquals("/srv", p.workingDir());
        assertEquals("1000:1000", p.user());
    }

    @Test
    void commandReplacesCmdAndKeepsTheEntrypoint() {
        Service.Process p = ImageResolver.withDefaults(process(null, List.of("check"), Map.of(), null, null), IMAGE);
        assertEquals(List.of("/entry"), p.entrypoint());
        assertEquals(List.of("check"), p.command());
    }

    @Test
    void entrypointReplacesTheEntrypointAndClearsCmd() {
        Service.Process p = ImageResolver.withDefaults(process(List.of("/bin/sh"), null, Map.of(), null, null), IMAGE);
        assertEquals(List.of("/bin/sh"), p.entrypoint());
        assertEquals(List.of(), p.command());
        Service.Process both = ImageResolver.withDefaults(
                process(List.of("/bin/sh"), List.of("-c", "true"), Map.of(), null, null), IMAGE);
        assertEquals(List.of("-c", "true"), both.command());
    }

    @Test
    void theServiceWinsOverTheImage() {
        Service.Process p = ImageResolver.withDefaults(
                process(null, null, Map.of("MODE", "service"), "/work", "root"), IMAGE);
        assertEquals("service", p.environment().get("MODE"));
        assertEquals("/bin", p.environment().get("PATH"));
        assertEquals("/work", p.workingDir());
        assertEquals("root", p.user());
    }
}
