package dev.jstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Scenario
@DisplayName("every sample of the README runs for real: all its services start, and down removes them")
class SamplesTest {
    private static final String LAB_NETNS = "jstack-lab";

    @ParameterizedTest(name = "samples/{0}")
    @ValueSource(strings = {"host", "none", "container", "chain", "lab", "netns"})
    void upThenDown(String sample) throws Exception {
        Path file = Jstack.repository().resolve("samples").resolve(sample).resolve("stack.yml");
        String project = "e2e-sample-" + sample;
        Jstack jstack = Jstack.forFile(file, project);
        boolean madeNetns = sample.equals("netns") && !Kernel.netnsNames().contains(LAB_NETNS);
        if (madeNetns) Shell.run("ip", "netns", "add", LAB_NETNS).expectOk();
        try {
            jstack.run("down", "-t", "1", "-v");
            jstack.run("up", "-d").expectOk();
            List<String> containers = Kernel.runcContainers(project + "-");
            assertFalse(containers.isEmpty(), "runc runs the sample's containers");
            for (String c : containers) {
                assertEquals("running", Kernel.status(c), c);
            }
            jstack.run("down", "-t", "1", "-v").expectOk();
            assertEquals(List.of(), Kernel.runcContainers(project + "-"));
            assertEquals(List.of(), Kernel.mountsContaining(project));
            assertEquals(List.of(), Kernel.netnsNames().stream().filter(n -> n.contains(project)).toList());
            assertFalse(Files.exists(Path.of("/run/jstack", project)));
        } finally {
            jstack.run("down", "-t", "1", "-v");
            if (madeNetns) Shell.run("ip", "netns", "del", LAB_NETNS);
        }
    }
}
