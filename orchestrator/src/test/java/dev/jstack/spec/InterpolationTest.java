package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jstack.spec.Interpolation.InterpolationException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolationTest {

    /** SET has a value, EMPTY is set to "", anything else is unset. */
    private static final Map<String, String> ENV = Map.of("SET", "v", "EMPTY", "", "B", "b", "_X1", "x1");

    static Stream<Arguments> expansions() {
        return Stream.of(
                arguments("no variables", "plain text", "plain text"),
                arguments("empty text", "", ""),
                arguments("bare name", "$SET", "v"),
                arguments("bare name ends at a non-name character", "$SET-$B.", "v-b."),
                arguments("bare name is greedy", "$SETX", ""),
                arguments("underscore and digits", "$_X1 ${_X1}", "x1 x1"),
                arguments("braced", "a${SET}b", "avb"),
                arguments("braced empty", "[${EMPTY}]", "[]"),
                arguments("unset is empty", "[$NOPE][${NOPE}]", "[][]"),
                arguments(":- unset", "${NOPE:-d}", "d"),
                arguments(":- empty", "${EMPTY:-d}", "d"),
                arguments(":- set", "${SET:-d}", "v"),
                arguments("- unset", "${NOPE-d}", "d"),
                arguments("- empty keeps empty", "[${EMPTY-d}]", "[]"),
                arguments("- set", "${SET-d}", "v"),
                arguments(":? set", "${SET:?must be set}", "v"),
                arguments("? empty is fine", "[${EMPTY?must be set}]", "[]"),
                arguments(":+ set", "${SET:+alt}", "alt"),
                arguments(":+ empty", "[${EMPTY:+alt}]", "[]"),
                arguments(":+ unset", "[${NOPE:+alt}]", "[]"),
                arguments("+ empty", "${EMPTY+alt}", "alt"),
                arguments("+ unset", "[${NOPE+alt}]", "[]"),
                arguments("default with spaces and colons", "${NOPE:-a b:c}", "a b:c"),
                arguments("empty default", "[${NOPE:-}]", "[]"),
                arguments("default with a variable", "${NOPE:-x$B}", "xb"),
                arguments("nested default", "${NOPE:-${NADA:-x}}", "x"),
                arguments("nested default, inner set", "${NOPE:-${B:-x}}", "b"),
                arguments("nested three deep", "${N1:-${N2:-${N3:-deep}}}!", "deep!"),
                arguments("nested in alt", "${SET:+<${B}>}", "<b>"),
                arguments("close brace after the expression is literal", "${NOPE:-a}}", "a}"),
                arguments("brace outside an expression is literal", "{a} }", "{a} }"),
                arguments("dollar dollar", "$$", "$"),
                arguments("dollar dollar before a name", "$$SET", "$SET"),
                arguments("dollar dollar before a brace", "$${SET}", "${SET}"),
                arguments("dollar dollar in a default", "${NOPE:-$$x}", "$x"),
                arguments("unused branch is not evaluated", "${SET:-${REQ:?gone}}", "v"),
                arguments("unused alt is not evaluated", "${NOPE:+${REQ:?gone}}", ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("expansions")
    void expands(String name, String text, String expected) throws InterpolationException {
        assertEquals(expected, Interpolation.interpolate(text, ENV::get));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments(":? unset", "x ${REQ:?set REQ}", 2, "required variable REQ is missing a value: set REQ"),
                arguments(":? empty", "${EMPTY:?set it}", 0, "required variable EMPTY is missing a value: set it"),
                arguments("? unset", "${REQ?set REQ}", 0, "required variable REQ is missing a value: set REQ"),
                arguments(":? without message", "${REQ:?}", 0, "required variable REQ is missing a value"),
                arguments("? without message", "${REQ?}", 0, "required variable REQ is missing a value"),
                arguments("message is interpolated", "${REQ:?use $B}", 0,
                        "required variable REQ is missing a value: use b"),
                arguments("nested required points at the inner $", "${NOPE:-${REQ:?no}}", 8,
                        "required variable REQ is missing a value: no"),
                arguments("unterminated", "ab${SET", 2, "unterminated \"${\" in \"ab${SET\": close it with \"}\""),
                arguments("unterminated at ${", "a${", 1, "unterminated \"${\" in \"a${\": close it with \"}\""),
                arguments("unterminated after colon", "${SET:", 0,
                        "unterminated \"${\" in \"${SET:\": close it with \"}\""),
                arguments("unterminated default", "${NOPE:-x", 0,
                        "unterminated \"${\" in \"${NOPE:-x\": close it with \"}\""),
                arguments("unterminated outer, inner closed", "${NOPE:-${B}", 0,
                        "unterminated \"${\" in \"${NOPE:-${B}\": close it with \"}\""),
                arguments("name starts with a digit", "x${1A}", 1, "invalid variable name \"1A\" in \"x${1A}\": "
                        + "a name is letters, digits and \"_\" and does not start with a digit"),
                arguments("empty name", "${}", 0, "missing variable name after \"${\" in \"${}\""),
                arguments("operator without name", "${:-x}", 0, "missing variable name after \"${\" in \"${:-x}\""),
                arguments("unknown operator", "${A%x}", 0, "invalid interpolation format for \"${A%x}\": after a "
                        + "variable name \"${\" allows only \"}\", \":-\", \"-\", \":?\", \"?\", \":+\" or \"+\""),
                arguments("space after the name", "${A B}", 0, "invalid interpolation format for \"${A B}\": after a "
                        + "variable name \"${\" allows only \"}\", \":-\", \"-\", \":?\", \"?\", \":+\" or \"+\""),
                arguments("lone $ before a space", "cost: $ 5", 6,
                        "invalid interpolation format for \"cost: $ 5\": put \"$$\" for a literal \"$\""),
                arguments("$ at the end", "5$", 1, "invalid interpolation format for \"5$\": put \"$$\" for a literal \"$\""),
                arguments("$ before a digit", "$1", 0, "invalid interpolation format for \"$1\": put \"$$\" for a literal \"$\""),
                arguments("lone $ in a default", "${NOPE:-$}", 8,
                        "invalid interpolation format for \"${NOPE:-$}\": put \"$$\" for a literal \"$\""),
                arguments("syntax is checked in an unused branch", "${SET:-${1}}", 7,
                        "invalid variable name \"1\" in \"${SET:-${1}}\": "
                        + "a name is letters, digits and \"_\" and does not start with a digit"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("errors")
    void rejects(String name, String text, int offset, String message) {
        InterpolationException e = assertThrows(InterpolationException.class,
                () -> Interpolation.interpolate(text, ENV::get));
        assertEquals(message + " @" + offset, e.getMessage() + " @" + e.offset());
    }

    @Test
    void collectsUnsetVariablesUsedWithoutDefault() throws InterpolationException {
        Set<String> unset = new TreeSet<>();
        String text = "$Z ${Y} ${X:-d} ${W-d} ${V:+a} ${U+a} ${NOPE:-$T} ${SET:-$S} $EMPTY $Z";
        Interpolation.interpolate(text, ENV::get, unset);
        assertEquals(Set.of("T", "Y", "Z"), unset);
    }

    @Test
    void isNameFollowsTheVariableGrammar() {
        assertEquals("[true, true, true, false, false, false]", Stream.of("A", "_a9", "a_B", "", "9a", "a-b")
                .map(Interpolation::isName).toList().toString());
    }
}
