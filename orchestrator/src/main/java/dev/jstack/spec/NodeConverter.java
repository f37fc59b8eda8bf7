package dev.jstack.spec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns snakeyaml-engine's composed nodes into a {@link YNode} tree. It owns the checks that need the
 * document's shape: duplicate keys (both positions), keys that are not strings, unsupported tags, and the
 * bound on alias expansion. snakeyaml-engine hands an alias back as the very node it names, so a document of
 * a few lines can stand for billions of nodes; every node reached again through an alias is counted, and
 * past {@link #MAX_EXPANDED_NODES} the file is refused.
 */
final class NodeConverter {

    static final int MAX_EXPANDED_NODES = 10_000;

    private final String shown;
    private final Diagnostics out;
    private final Map<Node, Boolean> done = new IdentityHashMap<>();
    private final Map<Node, Boolean> open = new IdentityHashMap<>();
    private int expanded;
    private int aliasDepth;
    private Position lastKey;

    NodeConverter(String shown, Diagnostics out) {
        this.shown = shown;
        this.out = out;
        this.lastKey = new Position(shown, 1, 1);
    }

    /** Thrown inside the conversion to stop it at the first fatal problem, which is already reported. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    Optional<YNode> convert(Node root) {
        int before = out.size();
        try {
            YNode tree = node(root);
            return out.size() == before ? Optional.of(tree) : Optional.empty();
        } catch (Stop stop) {
            return Optional.empty();
        }
    }

    private YNode node(Node n) {
        if (open.containsKey(n)) {
            out.error(at(n), "an alias refers to the node that contains it", Fixes.YAML_RECURSIVE_ALIAS);
            throw new Stop();
        }
        boolean alias = done.containsKey(n);
        if (alias) aliasDepth++;
        open.put(n, Boolean.TRUE);
        try {
            return convertNode(n);
        } finally {
            open.remove(n);
            done.put(n, Boolean.TRUE);
            if (alias) aliasDepth--;
        }
    }

    private YNode convertNode(Node n) {
        if (aliasDepth > 0 && ++expanded > MAX_EXPANDED_NODES) {
            out.error(lastKey, "aliases here expand to more than " + MAX_EXPANDED_NODES + " values (an alias bomb?)", Fixes.YAML_ALIASES);
            throw new Stop();
        }
        if (n instanceof ScalarNode s) return scalar(s);
        if (!n.getTag().equals(n instanceof SequenceNode ? Tag.SEQ : Tag.MAP)) {
            out.error(at(n), "unsupported YAML tag `" + n.getTag().getValue() + "`", Fixes.YAML_TAG);
        }
        if (n instanceof SequenceNode q) {
            List<YNode> items = new ArrayList<>();
            for (Node item : q.getValue()) items.add(node(item));
            return new YNode.Sequence(items, at(n));
        }
        return mapping((MappingNode) n);
    }

    private YNode mapping(MappingNode m) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node keyNode = t.getKeyNode();
            Position keyAt = at(keyNode);
            if (!(keyNode instanceof ScalarNode key)) {
                out.error(keyAt, "a key must be a string, found " + kindOf(keyNode), Fixes.KEY_NOT_STRING);
                continue;
            }
            if (aliasDepth == 0) lastKey = keyAt;
            YNode value = node(t.getValueNode());
            YNode.Entry first = entries.get(key.getValue());
            if (first != null) {
                out.error(keyAt, "duplicate key `" + key.getValue() + "`: it is also set at " + first.keyAt(),
                        Fixes.duplicateKey(key.getValue()));
                continue;
            }
            entries.put(key.getValue(), new YNode.Entry(key.getValue(), keyAt, value));
        }
        return new YNode.Mapping(entries, at(m));
    }

    private YNode scalar(ScalarNode s) {
        Position at = at(s);
        YNode.Kind kind = kind(s);
        if (kind == null) {
            out.error(at, "unsupported YAML tag `" + s.getTag().getValue() + "`", Fixes.YAML_TAG);
            kind = YNode.Kind.STR;
        }
        return new YNode.Scalar(s.getValue(), kind, at, shift(s), false);
    }

    private static YNode.Kind kind(ScalarNode s) {
        Tag tag = s.getTag();
        // a plain ${VAR} resolves to snakeyaml-engine's own ENV tag: here it is text, interpolated later
        if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) return YNode.Kind.STR;
        if (tag.equals(Tag.NULL)) return YNode.Kind.NULL;
        if (tag.equals(Tag.BOOL)) return YNode.Kind.BOOL;
        if (tag.equals(Tag.INT)) return YNode.Kind.INT;
        if (tag.equals(Tag.FLOAT)) return YNode.Kind.FLOAT;
        return null;
    }

    /** Columns between the node's start and its text: 0 plain, 1 quoted, -1 when it spans lines. */
    private static int shift(ScalarNode s) {
        boolean oneLine = s.getStartMark().isPresent() && s.getEndMark().isPresent()
                && s.getStartMark().get().getLine() == s.getEndMark().get().getLine();
        if (!oneLine) return -1;
        ScalarStyle style = s.getScalarStyle();
        if (style == ScalarStyle.PLAIN) return 0;
        if (style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED) return 1;
        return -1;
    }

    private static String kindOf(Node n) {
        return n instanceof SequenceNode ? "a list" : n instanceof MappingNode ? "a mapping" : "a scalar";
    }

    private Position at(Node n) {
        return n.getStartMark().map(m -> Position.fromMark(shown, m)).orElse(new Position(shown, 1, 1));
    }
}
