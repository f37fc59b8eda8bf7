package dev.jstack.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDocumentsTest {

    private static String written(Object value, boolean indent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonDocuments.write(out, value, indent);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a document becomes plain values in the file's order, and is written back as the same text")
    void plainValuesRoundTrip() throws Exception {
        String text = "{\"z\":1,\"a\":[\"x\",true,false,null,-2.5],\"m\":{\"k\":\"\\u00e9\\n\"},\"e\":[],\"o\":{}}";
        Object doc = JsonDocuments.parse(text);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 1L);
        expected.put("a", Arrays.asList("x", true, false, null, -2.5));
        expected.put("m", Map.of("k", "é\n"));
        expected.put("e", List.of());
        expected.put("o", Map.of());
        assertEquals(expected, doc);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(JsonDocuments.object(doc, "doc").keySet()));
        Map<String, Object> noDouble = new LinkedHashMap<>(expected);
        noDouble.put("a", Arrays.asList("x", true, false, null, 3));
        assertEquals("{\"z\":1,\"a\":[\"x\",true,false,null,3],\"m\":{\"k\":\"é\\n\"},\"e\":[],\"o\":{}}",
                written(noDouble, false));
    }

    @Test
    @DisplayName("the typed getters say which key is of the wrong type; absent keys and nulls are null")
    void typedGetters() throws Exception {
        Map<String, Object> doc = JsonDocuments.object(
                JsonDocuments.parse("{\"s\":\"x\",\"n\":3,\"big\":4294967296,\"l\":[\"a\",\"b\"],\"mixed\":[\"a\",1],"
                        + "\"nil\":null}"), "doc");
        assertEquals("x", JsonDocuments.string(doc, "s"));
        assertEquals(3, JsonDocuments.integer(doc, "n"));
        assertEquals(List.of("a", "b"), JsonDocuments.strings(doc, "l"));
        assertEquals(null, JsonDocuments.string(doc, "nil"));
        assertEquals(null, JsonDocuments.integer(doc, "absent"));
        assertEquals(null, JsonDocuments.strings(doc, "absent"));
        assertEquals("\"n\" is not a string", assertThrows(IOException.class,
                () -> JsonDocuments.string(doc, "n")).getMessage());
        assertEquals("\"big\" is not a whole number", assertThrows(IOException.class,
                () -> JsonDocuments.integer(doc, "big")).getMessage());
        assertEquals("\"mixed\" is not an array of strings", assertThrows(IOException.class,
                () -> JsonDocuments.strings(doc, "mixed")).getMessage());
        assertEquals("the list is not a JSON object", assertThrows(IOException.class,
                () -> JsonDocuments.object(doc.get("l"), "the list")).getMessage());
    }

    @Test
    @DisplayName("a text replaces a file whole and only its owner may read it, even where one was readable to all")
    void textReplacedOwnerOnly(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("stack.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        JsonDocuments.replaceText(file, "{\"environment\":{\"TOKEN\":\"s3cret\"}}\n");
        assertEquals("{\"environment\":{\"TOKEN\":\"s3cret\"}}\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temp file is left");
        }
    }

    @Test
    @DisplayName("an empty file, two documents or a cut document are errors")
    void malformed() {
        assertEquals("no JSON document",
                assertThrows(IOException.class, () -> JsonDocuments.parse("  ")).getMessage());
        assertEquals("more than one JSON document",
                assertThrows(IOException.class, () -> JsonDocuments.parse("{} {}")).getMessage());
        assertThrows(IOException.class, () -> JsonDocuments.parse("{\"a\": [1, 2"));
    }
}
