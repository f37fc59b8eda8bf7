package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML edge cases of reading one file: anchors, merge keys, duplicates, bombs, encodings, syntax. */
class LoaderYamlTest {

    static final String HOST = "    rootfs: host\n    network_mode: host\n";

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() throws Exception {
        f.write("stack.yml", """
                x-base: &base
                  rootfs: host
                  network_mode: host
                  environment: &env {A: "1", B: "2"}
                x-more: &more {restart: always, stop_signal: SIGINT}
                services:
                  a:
                    <<: [*base, *more]
                    restart: unless-stopped
                  b:
                    <<: *base
                    environment: *env
                """);
        Stack stack = f.stack("stack.yml");
        Service a = stack.services().get("a");
        assertEquals(new RestartPolicy(RestartPolicy.Kind.UNLESS_STOPPED, 0), a.lifecycle().restart());
        assertEquals("SIGINT", a.lifecycle().stopSignal());
        assertEquals(Map.of("A", "1", "B", "2"), a.process().environment());
        assertEquals(Map.of("A", "1", "B", "2"), stack.services().get("b").process().environment());
    }

    @Test
    void duplicateKeysNameBothPositions() {
        assertEquals("""
                stack.yml:5:5: error: duplicate key `rootfs`: it is also set at stack.yml:3:5
                  fix: keep only one `rootfs`""", f.errorsOf("""
                services:
                  a:
                    rootfs: host
                    network_mode: host
                    rootfs: /srv
                """));
    }

    @Test
    void duplicateEntriesOfAListFormAreReportedToo() {
        assertEquals("""
                stack.yml:5:24: error: duplicate `A` in `services.a.environment`: it is also set at stack.yml:5:19
                  fix: keep only one `A`""", f.errorsOf("services:\n  a:\n" + HOST + "    environment: [A=1, A=2]\n"));
    }

    @Test
    void anAliasBombFailsFastWithAClearMessage() {
        // nine levels of nine aliases: fewer aliases than snakeyaml-engine's own limit, 9^9 values if expanded
        StringBuilder yaml = new StringBuilder("x-0: &l0 [a, a, a, a, a, a, a, a, a]\n");
        for (int i = 1; i < 9; i++) {
            String prev = "*l" + (i - 1);
            yaml.append("x-").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        yaml.append("services:\n  a:\n").append(HOST);
        String report = f.errorsOf(yaml.toString());
        assertEquals("""
                stack.yml:5:1: error: aliases here expand to more than 10000 values (an alias bomb?)
                  fix: write the values out instead of nesting aliases of aliases""", report);
    }

    @Test
    void snakeyamlsOwnAliasLimitIsReportedAsADiagnostic() {
        StringBuilder yaml = new StringBuilder("x-a: &a [1]\nx-b: [");
        yaml.append(String.join(", ", java.util.Collections.nCopies(YamlReader.MAX_COLLECTION_ALIASES + 1, "*a")));
        yaml.append("]\nservices:\n  a:\n").append(HOST);
        assertEquals("""
                stack.yml:1:1: error: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=100
                  fix: write the values out instead of nesting aliases of aliases""", f.errorsOf(yaml.toString()));
    }

    @Test
    void aRecursiveAliasIsAnError() {
        assertEquals("""
                stack.yml:1:6: error: an alias refers to the node that contains it
                  fix: an anchor cannot be used inside its own node: write the value out""",
                f.errorsOf("x-a: &a [1, *a]\nservices:\n  a:\n" + HOST));
    }

    @Test
    void syntaxErrorsCarryTheMarkPosition() {
        assertEquals("""
                stack.yml:3:17: error: invalid YAML: mapping values are not allowed here
                  fix: correct the YAML here: check the indentation, a missing `:` or an unclosed quote""",
                f.errorsOf("services:\n  a:\n    rootfs: host: x\n"));
    }

    @Test
    void anUndefinedAliasIsASyntaxError() {
        assertEquals("""
                stack.yml:1:11: error: invalid YAML: found undefined alias nope
                  fix: correct the YAML here: check the indentation, a missing `:` or an unclosed quote""",
                f.errorsOf("services: *nope\n"));
    }

    @Test
    void aSecondDocumentIsRefused() {
        String report = f.errorsOf("services:\n  a:\n" + HOST + "---\nname: x\n");
        assertTrue(report.startsWith("stack.yml:5:1: error: invalid YAML: but found another document (expected a "
                + "single document in the stream at line 1, column 1)"), report);
    }

    @Test
    void controlCharactersAreReportedWhereTheyAre() {
        assertEquals("""
                stack.yml:2:6: error: invalid YAML: special characters are not allowed (U+0001)
                  fix: remove the control character, or write it as an escape in double quotes""",
                f.errorsOf("services:\n  a: \u0001\n"));
    }

    @Test
    void notUtf8EmptyAndNotAMappingAreReportedAtTheFirstLine() {
        f.write("latin1.yml", new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals("""
                latin1.yml:1:1: error: the file is not UTF-8 text (byte 0xE9 at offset 6)
                  fix: save the file as UTF-8""", f.errors("latin1.yml"));
        assertEquals("""
                stack.yml:1:1: error: the file is empty
                  fix: add a `services:` mapping with at least one service""", f.errorsOf("\n# nothing\n"));
        assertEquals("""
                stack.yml:1:1: error: the top level of a stack file must be a mapping, found a string
                  fix: start the file with keys such as `name:` and `services:`""", f.errorsOf("just text\n"));
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        byte[] text = ("services:\n  a:\n" + HOST).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        f.write("stack.yml", withBom);
        assertEquals(List.of("a"), List.copyOf(f.stack("stack.yml").services().keySet()));
    }

    @Test
    void tagsOtherThanTheCoreSchemasAreRefused() {
        assertEquals("""
                stack.yml:5:14: error: unsupported YAML tag `!reset`
                  fix: remove the tag: jstack reads plain YAML 1.2 values""",
                f.errorsOf("services:\n  a:\n" + HOST + "    command: !reset []\n"));
    }

    @Test
    void keysMustBeStrings() {
        assertEquals("""
                stack.yml:5:7: error: a key must be a string, found a list
                  fix: write the key as a plain string""",
                f.errorsOf("services:\n  a:\n" + HOST + "    ? [x]\n    : 1\n"));
    }

    @Test
    void yaml12ReadsYesAndNoAsStrings() throws Exception {
        f.write("stack.yml", "services:\n  a:\n" + HOST + "    restart: no\n    environment: {FLAG: yes}\n");
        Service a = f.service("a", "stack.yml");
        assertEquals(RestartPolicy.NO, a.lifecycle().restart());
        assertEquals(Map.of("FLAG", "yes"), a.process().environment());
    }
}
