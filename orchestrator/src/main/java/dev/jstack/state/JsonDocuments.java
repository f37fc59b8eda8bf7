package dev.jstack.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the reading and writing of jstack's own small JSON files (records, the supervisor's launch and status
 * files) with jackson-core's streaming parser and generator. Jackson's data binding builds a deserializer per type
 * the first time it reads one, which was a large part of what {@code plan}, {@code ps} and {@code up -d} cost; a
 * document here is plain values instead: {@code Map} (in the file's order), {@code List}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean} and {@code null}. The text written is what the data binding
 * wrote with indentation: the same bytes for the same values.
 */
public final class JsonDocuments {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonDocuments() {
    }

    /** The document in {@code file} as plain values. */
    public static Object read(Path file) throws IOException {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            return document(p);
        }
    }

    /** The document {@code text} as plain values. */
    public static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return document(p);
        }
    }

    /** Writes {@code value} (plain values, maps in their own order) to {@code out}, indented or on one line. */
    public static void write(OutputStream out, Object value, boolean indent) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (indent) {
                g.useDefaultPrettyPrinter();
            }
            value(g, value);
        }
    }

    /** Writes {@code value} to {@code file}, as {@link #write(OutputStream, Object, boolean)} does. */
    public static void write(Path file, Object value, boolean indent) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, value, indent);
        }
    }

    /**
     * Replaces {@code file} with {@code value} whole: written to a temp file beside it, then renamed over it, so
     * that a reader sees the new document or the old one, never half of one. Makes the parent directory.
     */
    public static void replace(Path file, Object value, boolean indent) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        write(temp, value, indent);
        moveIntoPlace(temp, file);
    }

    /**
     * Replaces {@code file} with {@code text} whole, as {@link #replace(Path, Object, boolean)} does, readable by
     * its owner only: such a text may hold a stack, whose environment values may be secrets (as config.json's are).
     */
    public static void replaceText(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        moveIntoPlace(temp, file);
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code value} as an object; a {@code what}-named error when it is something else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String what) throws IOException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IOException(what + " is not a JSON object");
    }

    /** The string at {@code key}: null when absent or null; an error when it is not a string. */
    public static String string(Map<String, Object> object, String key) throws IOException {
        Object v = object.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IOException("\"" + key + "\" is not a string");
    }

    /** The whole number at {@code key}: null when absent or null; an error when it is not a whole number. */
    public static Integer integer(Map<String, Object> object, String key) throws IOException {
        Object v = object.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Long n && n == n.intValue()) {
            return n.intValue();
        }
        throw new IOException("\"" + key + "\" is not a whole number");
    }

    /** The strings of the array at {@code key}: null when absent or null. */
    public static List<String> strings(Map<String, Object> object, String key) throws IOException {
        Object v = object.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
            throw new IOException("\"" + key + "\" is not an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static Object document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new IOException("no JSON document");
        }
        Object value = value(p, first);
        if (p.nextToken() != null) {
            throw new IOException("more than one JSON document");
        }
        return value;
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> out = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    out.put(name, value(p, p.nextToken()));
                }
                return out;
            }
            case START_ARRAY: {
                List<Object> out = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    out.add(value(p, t));
                }
                return out;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                value(g, e);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
        }
    }
}
