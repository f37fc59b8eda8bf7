package dev.jstack.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jstack.spec.Stack;
import dev.jstack.testing.Stacks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash recorded with every running container: it must not move between versions of jstack, or an {@code up}
 * after an upgrade would replace every container. The golden values were recorded by an earlier version.
 */
class ConfigHashTest {
    private static final Stack STACK = Stacks.named("p").service("a", "none").service("b", "service:a", "a").build();
    private static final Netns PIN = new Netns.Pin("a", "/run/netns/jstack-p-a");

    @Test
    void aJoinersHashIsTheOneRecordedBefore() {
        ConfigHash hash = ConfigHash.of(STACK.services().get("b"), PIN);

        assertEquals("d019f02073d86b33ff6078874bc7918210d64938185e47e1daaa2f362d3ec570", hash.value());
        assertEquals("8f148d48d91ec9398ff7b969711960232e4dd127229884acf702b4b5f0284571", hash.parts().get("network_mode"));
        assertEquals("ec5259cc189260a45a3c1037f2cf463b606b1b5c4b9568e02a95f587b770200c", hash.parts().get("command"));
        assertEquals(List.of("command", "dns", "entrypoint", "environment", "healthcheck", "hostname", "init", "labels",
                "limits", "network_mode", "ports", "privileges", "restart", "rootfs", "stop_signal", "user", "volumes",
                "working_dir"), List.copyOf(hash.parts().keySet()));
    }

    @Test
    void equalPartsHashAlikeWhateverWasHashedBefore() {
        ConfigHash first = ConfigHash.of(STACK.services().get("b"), PIN);
        ConfigHash other = ConfigHash.of(STACK.services().get("a"), new Netns.Host());
        ConfigHash again = ConfigHash.of(STACK.services().get("b"), PIN);

        assertEquals(first, again);
        assertNotEquals(first.parts().get("network_mode"), other.parts().get("network_mode"));
        assertEquals(List.of("network_mode"), other.changedParts(first.parts()).stream()
                .filter(p -> p.equals("network_mode") || p.equals("command")).toList());
    }
}
