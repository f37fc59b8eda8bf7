package dev.jstack.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes the normalized model as a stack file, in YAML or JSON: top-level keys in the order name, services,
 * volumes, x-*; each service's keys in one fixed order; long forms everywhere (depends_on with condition, restart
 * and required; volumes as type/source/target; durations such as {@code 1m30s}; sizes in bytes). Loading the
 * output again gives an equal stack: {@code name:} is written, paths are already absolute, and every {@code $}
 * is doubled so that interpolation gives back the same text.
 */
public final class StackWriter {

    private StackWriter() {
    }

    /** The stack as plain maps and lists, in the order the text forms print them. */
    public static Map<String, Object> tree(Stack stack) {
        return StackTree.of(stack);
    }

    /** The stack as a YAML document, block style, lists indented under their key. */
    public static String yaml(Stack stack) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setSplitLines(false)
                .build();
        return new Dump(settings).dumpToString(tree(stack));
    }

    /** The stack as a JSON document, two spaces of indentation, ending with a newline. */
    public static String json(Stack stack) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(separators)
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(tree(stack)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the model holds a value JSON cannot write: " + e.getMessage(), e);
        }
    }
}
