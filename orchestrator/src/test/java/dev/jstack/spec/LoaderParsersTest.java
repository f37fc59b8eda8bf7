package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value parsers of the loader: durations, sizes, command words, ports, and "did you mean". */
class LoaderParsersTest {

    @Test
    void durationsInGosForm() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofNanos(2_003), Durations.parse("2us3ns"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals("a number without a unit",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("10")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10 s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1d"));
        assertEquals("1h1m30s", Durations.format(Duration.ofSeconds(3690)));
        assertEquals("1s500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void sizesAreBinaryAndCaseInsensitive() {
        assertEquals(512L << 20, Sizes.parse("512m"));
        assertEquals(1L << 30, Sizes.parse("1g"));
        assertEquals(1L << 30, Sizes.parse("1GB"));
        assertEquals(100L << 10, Sizes.parse("100k"));
        assertEquals(1024, Sizes.parse("1024b"));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(3L << 29, Sizes.parse("1.5g"));
        assertEquals(2L << 20, Sizes.parse("2 MiB"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("1x"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("m"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999p"));
    }

    @Test
    void commandWordsSplitLikeAShell() {
        assertEquals(List.of("sh", "-c", "echo a  b"), ShellWords.split("sh -c 'echo a  b'"));
        assertEquals(List.of("say", "\"hi\" $x", "a b"), ShellWords.split("say \"\\\"hi\\\" \\$x\" a\\ b"));
        assertEquals(List.of("ab", ""), ShellWords.split("a'b' ''"));
        assertEquals(List.of(), ShellWords.split("  "));
        assertEquals("unclosed double quote at offset 5",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"x")).getMessage());
    }

    @Test
    void portsNormalizeToOneForm() {
        assertEquals("80/tcp", Ports.normalize("80"));
        assertEquals("8080:80/tcp", Ports.normalize("8080:80"));
        assertEquals("127.0.0.1:8080:80/udp", Ports.normalize("127.0.0.1:8080:80/UDP"));
        assertEquals("127.0.0.1::80/tcp", Ports.normalize("127.0.0.1::80"));
        assertEquals("[::1]:53:53/udp", Ports.normalize("[::1]:53:53/udp"));
        assertEquals("[::1]:53:53/tcp", Ports.normalize("::1:53:53"));
        assertEquals("9000-9002:9000-9002/tcp", Ports.normalize("9000-9002:9000-9002"));
        assertEquals("8080:80/sctp", Ports.normalize("08080:080/sctp"));
        assertEquals("53/udp", Ports.expose("53/udp"));
        assertEquals("the target port 70000 is not in 1..65535",
                assertThrows(IllegalArgumentException.class, () -> Ports.normalize("70000")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ports.normalize("80/icmp"));
        assertThrows(IllegalArgumentException.class, () -> Ports.normalize("300.1.1.1:80:80"));
        assertThrows(IllegalArgumentException.class, () -> Ports.normalize("9000-9001:9000-9005"));
        assertThrows(IllegalArgumentException.class, () -> Ports.normalize("90-80"));
        assertThrows(IllegalArgumentException.class, () -> Ports.normalize("http"));
    }

    @Test
    void didYouMeanPicksTheNearestKnownWordWithinAThirdOfItsLength() {
        Set<String> keys = Set.of("network_mode", "ports", "restart", "image");
        assertEquals(Optional.of("network_mode"), KeyHelp.closest("netwrok_mode", keys));
        assertEquals(Optional.of("ports"), KeyHelp.closest("port", keys));
        assertEquals(Optional.of("image"), KeyHelp.closest("Image", keys));
        assertEquals(Optional.empty(), KeyHelp.closest("flavour", keys));
        assertEquals(1, KeyHelp.distance("ab", "ba"));
        assertEquals(3, KeyHelp.distance("kitten", "sitting"));
    }
}
