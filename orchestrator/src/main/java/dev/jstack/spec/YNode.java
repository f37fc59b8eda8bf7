package dev.jstack.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loader's own YAML tree: what snakeyaml-engine composed, with aliases and merge keys expanded, keys as
 * strings in document order, and every node's 1-based position. Interpolation and merging produce new trees;
 * a tree is never changed in place.
 */
sealed interface YNode {

    Position at();

    /** What the YAML 1.2 core schema resolved a plain scalar to; quoted scalars are always STR. */
    enum Kind { NULL, BOOL, INT, FLOAT, STR }

    /**
     * A scalar. {@code shift} is how many columns its text starts after {@code at} (1 for a quoted scalar),
     * or -1 when the text spans lines, so that an offset into the text maps back to a column.
     * {@code broken} marks a value whose interpolation failed: it was reported, readers treat it as absent.
     */
    record Scalar(String text, Kind kind, Position at, int shift, boolean broken) implements YNode {

        boolean isNull() {
            return kind == Kind.NULL;
        }

        /** The position of the character at {@code offset} in the text, when that can be known. */
        Position at(int offset) {
            if (shift < 0) return at;
            return new Position(at.file(), at.line(), at.column() + shift + offset);
        }
    }

    /** A sequence. */
    record Sequence(List<YNode> items, Position at) implements YNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping; {@code entries} keeps document order. */
    record Mapping(Map<String, Entry> entries, Position at) implements YNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Position keyAt(String key) {
            Entry e = entries.get(key);
            return e == null ? at : e.keyAt();
        }
    }

    /** One key of a mapping, where the key was written, and its value. */
    record Entry(String key, Position keyAt, YNode value) {
    }

    /** An empty mapping at a position, the stand-in for a null where a mapping is allowed. */
    static Mapping emptyMapping(Position at) {
        return new Mapping(Map.of(), at);
    }

    /** A short name of the node's type for messages: "a string", "a list", "a mapping". */
    static String describe(YNode node) {
        if (node instanceof Mapping) return "a mapping";
        if (node instanceof Sequence) return "a list";
        Scalar s = (Scalar) node;
        return switch (s.kind()) {
            case NULL -> "nothing (null)";
            case BOOL -> "a boolean";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case STR -> "a string";
        };
    }
}
