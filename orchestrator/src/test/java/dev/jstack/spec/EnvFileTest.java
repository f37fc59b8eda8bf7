package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jstack.spec.EnvFile.EnvFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvFileTest {

    private static final Map<String, String> ENV = Map.of("HOME", "/home/u", "EMPTY", "", "SHARED", "env");

    /** Each case: a name, the file's text, then the expected keys and values in order. */
    static Stream<Arguments> files() {
        return Stream.of(
                arguments("simple", "A=1\nB=two", entries("A", "1", "B", "two")),
                arguments("order kept, last assignment wins", "B=1\nA=2\nB=3\n", entries("B", "3", "A", "2")),
                arguments("blank lines and comments", "\n  \n# c\n  # indented\nA=1\n\n", entries("A", "1")),
                arguments("export", "export A=1\nexport\tB=2", entries("A", "1", "B", "2")),
                arguments("export as a key", "export=1", entries("export", "1")),
                arguments("whitespace around key and value", "  A  =  x y  \t", entries("A", "x y")),
                arguments("empty value", "A=\nB=   ", entries("A", "", "B", "")),
                arguments("key only is null", "A\n  B  \nexport C\nD # note", entries("A", null, "B", null, "C", null,
                        "D", null)),
                arguments("dots and dashes in keys", "spring.profile-x=dev\n_a1=1",
                        entries("spring.profile-x", "dev", "_a1", "1")),
                arguments("inline comment", "A=x # note\nB=x\t# note", entries("A", "x", "B", "x")),
                arguments("# without a blank before is data", "A=x#y\nB=#z\nC=a=b", entries("A", "x#y", "B", "#z",
                        "C", "a=b")),
                arguments("comment where the value starts", "A= # note", entries("A", "")),
                arguments("unquoted interpolation", "A=$HOME/x\nB=${A}:${NOPE:-d}\nC=$$HOME",
                        entries("A", "/home/u/x", "B", "/home/u/x:d", "C", "$HOME")),
                arguments("earlier keys win over the environment", "SHARED=file\nA=$SHARED",
                        entries("SHARED", "file", "A", "file")),
                arguments("later keys are not seen", "A=$LATER\nLATER=1", entries("A", "", "LATER", "1")),
                arguments("a key-only line defers to the environment", "HOME\nA=$HOME",
                        entries("HOME", null, "A", "/home/u")),
                arguments("single quotes are literal", "A=' $HOME \\n \" # x '", entries("A", " $HOME \\n \" # x ")),
                arguments("single quotes then comment", "A='x' # note\nB='' ", entries("A", "x", "B", "")),
                arguments("multi-line single quotes", "A='l1\nl2'\nB=1", entries("A", "l1\nl2", "B", "1")),
                arguments("double quotes keep blanks and #", "A=\"  x # y  \"", entries("A", "  x # y  ")),
                arguments("double-quote escapes", "A=\"a\\nb\\tc\\\\d\\\"e\\rf\"", entries("A", "a\nb\tc\\d\"e\rf")),
                arguments("unknown escape stays", "A=\"\\q\"", entries("A", "\\q")),
                arguments("escaped dollar", "A=\"\\$HOME\"\nB=\"\\\\$HOME\"", entries("A", "$HOME", "B", "\\/home/u")),
                arguments("double-quote interpolation", "U=me\nA=\"${U}@$HOME ${NOPE:-a b}\"",
                        entries("U", "me", "A", "me@/home/u a b")),
                arguments("multi-line double quotes", "A=\"l1\nl2 $HOME\"\nB=2", entries("A", "l1\nl2 /home/u", "B", "2")),
                arguments("CRLF line ends", "A=1\r\nB=\"x\"\r\nC", entries("A", "1", "B", "x", "C", null)),
                arguments("byte order mark", "\uFEFFA=1", entries("A", "1")));
    }

    /** Keys and values, alternating; a value may be null. */
    private static List<String> entries(String... keysAndValues) {
        return Arrays.asList(keysAndValues);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parses(String name, String text, List<String> expected) throws EnvFileException {
        List<Map.Entry<String, String>> want = new ArrayList<>();
        for (int i = 0; i < expected.size(); i += 2) {
            want.add(new SimpleEntry<>(expected.get(i), expected.get(i + 1)));
        }
        assertEquals(want, new ArrayList<>(EnvFile.parse(text, ENV::get).entrySet()));
    }

    static Stream<Arguments> errors() {
        String nameRule = ": a name starts with a letter or \"_\" and has only letters, digits, \"_\", \".\" and \"-\"";
        return Stream.of(
                arguments("key starts with a digit", "A=1\n1A=2", "2:1: invalid variable name \"1A\"" + nameRule),
                arguments("space inside the key", "  A B=1", "1:4: invalid variable name \"A B\"" + nameRule),
                arguments("bad character in a bare key", "A\nB$", "2:2: invalid variable name \"B$\"" + nameRule),
                arguments("missing key", "A=1\n  =2", "2:3: missing variable name before \"=\": write NAME=VALUE"),
                arguments("unterminated double quote", "A=1\nB= \"abc\nC=2",
                        "2:4: unterminated double-quoted value: add the closing '\"'"),
                arguments("unterminated by a trailing backslash", "A=\"x\\\"", 
                        "1:3: unterminated double-quoted value: add the closing '\"'"),
                arguments("unterminated single quote", "A='x", "1:3: unterminated single-quoted value: add the closing \"'\""),
                arguments("text after the closing quote", "A=\"x\" y", "1:7: unexpected text after the closing quote: "
                        + "quote the whole value or start a comment with \"#\""),
                arguments("required variable, unquoted", "A=1\nB=x ${REQ:?set REQ}",
                        "2:5: required variable REQ is missing a value: set REQ"),
                arguments("required variable on the second line of a quoted value", "A=\"x\n\\t${REQ?}\"",
                        "2:3: required variable REQ is missing a value"),
                arguments("lone dollar in double quotes", "A=\"\\n$ 5\"",
                        "1:6: invalid interpolation format for \"\n$ 5\": put \"$$\" for a literal \"$\""),
                arguments("unterminated expression", "A=${HOME", 
                        "1:3: unterminated \"${\" in \"${HOME\": close it with \"}\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String name, String text, String expected) {
        EnvFileException e = assertThrows(EnvFileException.class, () -> EnvFile.parse(text, ENV::get));
        assertEquals(expected, e.line() + ":" + e.column() + ": " + e.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException, EnvFileException {
        Path file = dir.resolve(".env");
        Files.writeString(file, "\uFEFFNAME=caf\u00e9 $HOME\n");
        assertEquals(Map.of("NAME", "caf\u00e9 /home/u"), EnvFile.parse(file, ENV::get));
    }

    @Test
    void rejectsAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        byte[] latin1 = "A=1\nB=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        EnvFileException e = assertThrows(EnvFileException.class, () -> EnvFile.parse(file, ENV::get));
        assertEquals("1:1: the file is not valid UTF-8: byte 0xE9 at byte offset 9; save it as UTF-8",
                e.line() + ":" + e.column() + ": " + e.getMessage());
    }
}
