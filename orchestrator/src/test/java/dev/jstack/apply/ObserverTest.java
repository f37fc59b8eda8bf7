package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.state.ProjectPaths;
import dev.jstack.state.RecordStore;
import dev.jstack.testing.FakePins;
import dev.jstack.testing.FakeRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserverTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("pins with the project's prefix count even without a record, unless a longer project claims them")
    void pinsByPrefix() throws Exception {
        Path netns = tmp.resolve("netns");
        FakePins pins = new FakePins(netns);
        pins.create("jstack-a-web");       // a's, recorded by nobody
        pins.create("jstack-a-b-db");      // project a-b's, which has a run directory
        pins.create("jstack-other-web");   // another project's
        Files.createFile(netns.resolve("jstack-a-stale"));  // a file, not a namespace
        ProjectPaths paths = new ProjectPaths("a", tmp.resolve("run"), tmp.resolve("lib"), netns);
        Files.createDirectories(tmp.resolve("run/a-b"));
        List<String> warnings = new ArrayList<>();
        Observer observer = new Observer(new FakeRuntime(), pins, paths, new RecordStore(paths, warnings::add));
        assertEquals(List.of("web"), List.copyOf(observer.observe(List.of()).pins().keySet()));
        assertEquals(List.of(), warnings);
    }
}
