package dev.jstack.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one stack file into a {@link YNode} tree: strict UTF-8, one YAML 1.2 document (core schema) whose top
 * is a mapping. Syntax errors, encoding errors and empty files become diagnostics; nothing here throws.
 */
final class YamlReader {

    /** snakeyaml-engine's own bound on aliases of lists and mappings, a first line of defence. */
    static final int MAX_COLLECTION_ALIASES = 100;

    private YamlReader() {
    }

    /** The file's tree, or empty when it could not be read (the reason is in {@code out}). */
    static Optional<YNode.Mapping> read(Path file, String shown, Diagnostics out) {
        Position top = new Position(shown, 1, 1);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            out.error(new Position(shown, 0, 0), "cannot read the file: " + reason(e), Fixes.READABLE_FILE);
            return Optional.empty();
        }
        Optional<String> text = decode(bytes, top, out);
        return text.flatMap(t -> parse(t, shown, out));
    }

    /** Reads YAML text given directly; {@code shown} names it in positions. */
    static Optional<YNode.Mapping> parse(String text, String shown, Diagnostics out) {
        Position top = new Position(shown, 1, 1);
        Optional<Node> root;
        try {
            root = new Compose(settings(shown)).composeString(text);
        } catch (MarkedYamlEngineException e) {
            out.error(markPosition(shown, e), "invalid YAML: " + describe(e), Fixes.YAML_SYNTAX);
            return Optional.empty();
        } catch (ReaderException e) {
            out.error(indexPosition(shown, text, e.getPosition()), "invalid YAML: " + e.getMessage()
                    + String.format(" (U+%04X)", e.getCodePoint()), Fixes.YAML_CHARACTERS);
            return Optional.empty();
        } catch (YamlEngineException e) {
            out.error(top, "invalid YAML: " + e.getMessage(), Fixes.YAML_ALIASES);
            return Optional.empty();
        }
        if (root.isEmpty() || root.get() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            out.error(top, "the file is empty", Fixes.EMPTY_FILE);
            return Optional.empty();
        }
        Optional<YNode> tree = new NodeConverter(shown, out).convert(root.get());
        if (tree.isEmpty()) return Optional.empty();
        if (!(tree.get() instanceof YNode.Mapping mapping)) {
            out.error(top, "the top level of a stack file must be a mapping, found " + YNode.describe(tree.get()),
                    Fixes.TOP_LEVEL_MAPPING);
            return Optional.empty();
        }
        return Optional.of(mapping);
    }

    private static LoadSettings settings(String shown) {
        return LoadSettings.builder()
                .setLabel(shown)
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowDuplicateKeys(true) // duplicates are reported by NodeConverter, with both positions
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .build();
    }

    private static Optional<String> decode(byte[] bytes, Position top, Diagnostics out) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, chars, true);
        if (!result.isError()) result = decoder.flush(chars);
        if (result.isError()) {
            // the decoder stops at the first byte it cannot read: name it, so that the user can find it
            out.error(top, String.format("the file is not UTF-8 text (byte 0x%02X at offset %d)",
                    in.get(in.position()) & 0xFF, in.position()), Fixes.UTF8);
            return Optional.empty();
        }
        return Optional.of(chars.flip().toString());
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        if (context.isEmpty()) return problem;
        Optional<Mark> where = e.getContextMark();
        String at = where.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
        return problem + " (" + context + at + ")";
    }

    private static Position markPosition(String shown, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        return mark.map(m -> Position.fromMark(shown, m)).orElse(new Position(shown, 1, 1));
    }

    /** Line and column of a code point index, for reader errors that carry no mark. */
    private static Position indexPosition(String shown, String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int[] cps = text.codePoints().limit(codePointIndex).toArray();
        for (int cp : cps) {
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(shown, line, column);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }
}
