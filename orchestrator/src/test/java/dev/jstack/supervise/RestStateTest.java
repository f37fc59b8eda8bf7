package dev.jstack.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a supervisor keeps across a rest: its text, and how the resting program tells an init process ended. */
class RestStateTest {
    private static final int SELF = (int) ProcessHandle.current().pid();
    // Above any pid_max the kernel allows (2^22): no process has it.
    private static final int NOBODY = 5_000_000;

    @TempDir
    Path tmp;

    @Test
    void writtenAndReadBackLineByLine() throws IOException {
        RestState state = new RestState(new TreeMap<>(Map.of("web", new RestState.Process(4242, 9_000_001L),
                "db", new RestState.Process(4100, 8_999_000L))),
                new TreeMap<>(Map.of("job", OptionalInt.of(0), "gone", OptionalInt.empty())),
                new TreeSet<>(List.of("cache")));
        Path file = tmp.resolve("rest");
        state.write(file);
        assertEquals("""
                watch db 4100 8999000
                watch web 4242 9000001
                down gone -
                down job 0
                inherited cache
                """, Files.readString(file));
        assertEquals(state, RestState.read(file));
    }

    @Test
    void aLineItCannotReadIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("rest"), "watch web 12 34\nwatch web twelve 34\n");
        IOException e = assertThrows(IOException.class, () -> RestState.read(file));
        assertEquals(file + ": cannot read the line \"watch web twelve 34\"", e.getMessage());
    }

    @Test
    void anInitProcessHasEndedWhenItIsGoneOrItsPidNowNamesAnotherProcess() {
        RestState self = RestState.of(Map.of("me", SELF), Map.of(), new TreeSet<>()).orElseThrow();
        long started = self.watched().get("me").startTime();
        assertTrue(started > 0);
        assertEquals(Optional.empty(), self.firstEnded(), "this process runs");

        RestState reused = new RestState(new TreeMap<>(Map.of("me", new RestState.Process(SELF, started - 1))),
                new TreeMap<>(), new TreeSet<>());
        assertEquals(Optional.of("me"), reused.firstEnded(), "same pid, another start time");

        RestState gone = new RestState(new TreeMap<>(Map.of("a", new RestState.Process(SELF, started),
                "b", new RestState.Process(NOBODY, 1))), new TreeMap<>(), new TreeSet<>());
        assertEquals(Optional.of("b"), gone.firstEnded());
    }

    @Test
    void noRestWhileAnInitProcessToWatchHasEndedAlready() {
        assertEquals(Optional.empty(), RestState.of(Map.of("me", SELF, "old", NOBODY), Map.of(), new TreeSet<>()));
    }

    @Test
    void procStatCountsItsFieldsFromTheLastParenthesis() {
        StringBuilder stat = new StringBuilder("4242 (my (odd) name) Z 1");
        for (int field = 5; field <= 52; field++) {
            stat.append(' ').append(field == 22 ? "123456" : Integer.toString(field));
        }
        assertEquals(Optional.of(new ProcStat('Z', 123_456L)), ProcStat.parse(stat.toString()));
        assertTrue(ProcStat.parse(stat.toString()).orElseThrow().ended());
        assertEquals(Optional.empty(), ProcStat.parse("4242 (cut short) S 1 2 3"));
        assertEquals(Optional.empty(), ProcStat.parse("no parenthesis"));
    }
}
