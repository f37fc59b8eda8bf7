package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    @Test
    void nestsIndentsAndKeepsEmptyContainersOnOneLine() {
        PrettyJson json = new PrettyJson().object();
        json.field("a", 1).name("b").array().value("x").object().end().array().end().value(true).end();
        json.name("c").object().end().field("d", false);
        assertEquals("""
                {
                  "a": 1,
                  "b": [
                    "x",
                    {},
                    [],
                    true
                  ],
                  "c": {},
                  "d": false
                }""", json.end().text());
        assertEquals("[]", new PrettyJson().array().end().text());
    }

    @Test
    void everyCharacterOfTheFirstPlanesReadsBackAsWritten() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3100; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        all.append("\uD83D\uDE00");
        String text = new PrettyJson().object().field(all.toString(), all.toString()).end().text();
        JsonNode read = new ObjectMapper().readTree(text);
        assertEquals(all.toString(), read.fieldNames().next());
        assertEquals(all.toString(), read.get(all.toString()).asText());
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertEquals("[\n  \"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0000\\u001F \u007F é /\"\n]",
                new PrettyJson().array().value("q\" b\\ \n\t\r\b\f \u0000\u001F \u007F é /").end().text());
    }

    @Test
    void writesNullForAMissingStringAndRefusesToCloseWhatIsNotOpen() {
        assertEquals("{\n  \"a\": null\n}", new PrettyJson().object().field("a", (String) null).end().text());
        assertThrows(IllegalStateException.class, () -> new PrettyJson().end());
    }

    @Test
    void refusesNestingItWasNotMadeFor() {
        PrettyJson json = new PrettyJson();
        assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 40; i++) {
                json.array();
            }
        });
    }
}
