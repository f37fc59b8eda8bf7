package dev.jstack.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void theTagDefaultsToLatest() {
        assertEquals(new ImageReference("app", "latest"), ImageReference.parse("app"));
        assertEquals(new ImageReference("app", "1.2"), ImageReference.parse("app:1.2"));
    }

    @Test
    void aPortIsPartOfTheName() {
        assertEquals(new ImageReference("localhost:5000/team/app", "latest"),
                ImageReference.parse("localhost:5000/team/app"));
        assertEquals(new ImageReference("localhost:5000/app", "v1"), ImageReference.parse("localhost:5000/app:v1"));
    }

    @Test
    void badNamesAndDigestsAreRefused() {
        assertEquals("invalid image name `App`: use lower-case letters, digits, '.', '_', '-' and '/' between parts,"
                + " e.g. `app` or `example.org/team/app`",
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("App")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:-x"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app@sha256:00"));
    }

    @Test
    void digestsAreSha256Only() throws Exception {
        assertEquals("sha256:" + "a".repeat(64), Digest.parse("sha256:" + "a".repeat(64)).toString());
        assertEquals("unsupported digest `sha512:ab`: jstack checks sha256 digests only",
                assertThrows(ImageFailure.class, () -> Digest.parse("sha512:ab")).getMessage());
    }
}
