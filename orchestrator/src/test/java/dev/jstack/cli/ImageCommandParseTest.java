package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.runtime.image.ImageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ImageCommandParseTest {
    private final JstackCommand root = new JstackCommand(Path.of("/srv"), Map.of());

    private Object command(String... args) {
        ParseResult parsed = root.commandLine().parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().userObject();
    }

    @Test
    void importTakesANameAndASource() {
        ImageCommand.Import i = (ImageCommand.Import) command("image", "import", "app:1", "app.tar");
        assertEquals("app:1", i.name);
        assertEquals(Path.of("app.tar"), i.source);
        assertThrows(CommandLine.ParameterException.class,
                () -> root.commandLine().parseArgs("image", "import", "app:1"));
    }

    @Test
    void lsTakesAFormatAndRmAName() {
        assertEquals(ImageCommand.Ls.Format.json, ((ImageCommand.Ls) command("image", "ls", "--format", "json")).format);
        assertEquals(ImageCommand.Ls.Format.table, ((ImageCommand.Ls) command("image", "ls")).format);
        assertEquals("app", ((ImageCommand.Rm) command("image", "rm", "app")).name);
    }

    @Test
    void lsPrintsATable() {
        ImageRecord r = new ImageRecord("app", "1", "sha256:" + "ab".repeat(32), null, List.of(),
                "2024-01-02T03:04:05Z", 1_234_567);
        java.io.StringWriter text = new java.io.StringWriter();
        PsCommand.printTable(new java.io.PrintWriter(text), List.of("NAME", "TAG", "ID", "SIZE", "CREATED"),
                ImageCommand.Ls.table(ImageCommand.Ls.rows(List.of(r))));
        assertEquals("NAME   TAG   ID             SIZE     CREATED\n"
                + "app    1     abababababab   1.23MB   2024-01-02T03:04:05Z\n", text.toString());
    }
}
