package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Holds {@code schema/stack.schema.json} to the stack format: the schema is valid draft-07, every valid sample
 * conforms to it, every invalid sample marked {@code # schema: invalid} does not, and each kind of structural
 * defect fails at the key that has it.
 *
 * <p>YAML is read the way jstack and editors read it (YAML 1.2 core schema, aliases expanded, {@code <<} merged)
 * and then validated as JSON. jackson-dataformat-yaml is not used for this: it reads YAML 1.1 ({@code no} is
 * false) and turns an alias into its anchor's name, so it would check another document than jstack loads.
 */
class SchemaTest {

    /** Maven runs tests in the orchestrator module; the samples and the schema live beside it. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String SCHEMA_COMMENT = "# yaml-language-server: $schema=";
    private static final String INVALID_MARKER = "# schema: invalid";
    private static final List<String> SAMPLE_FOLDERS = List.of("chain", "container", "host", "lab", "netns", "none");

    private static final List<String> WEB = List.of("rootfs: host", "network_mode: none", "command: [sleep, infinity]");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchemaFactory factory;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        try (InputStream in = SchemaTest.class.getResourceAsStream("/schema/stack.schema.json")) {
            assertNotNull(in, "stack.schema.json is not on the classpath under /schema/");
            schema = factory.getSchema(in);
        }
    }

    @Test
    void schemaIsValidDraft07() throws IOException {
        JsonSchema draft07 = factory.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        JsonNode ours = JSON.readTree(ROOT.resolve("schema/stack.schema.json").toFile());
        assertEquals("", describe(draft07.validate(ours)));
    }

    @Test
    void everySampleFolderPointsEditorsAtTheSchema() throws IOException {
        for (String folder : SAMPLE_FOLDERS) {
            Path stack = ROOT.resolve("samples").resolve(folder).resolve("stack.yml");
            assertTrue(Files.isRegularFile(stack.resolveSibling("README.md")), folder + " has no README.md");
            String first = firstLine(stack);
            assertTrue(first.startsWith(SCHEMA_COMMENT), stack + " does not start with " + SCHEMA_COMMENT);
            Path target = stack.getParent().resolve(first.substring(SCHEMA_COMMENT.length())).normalize();
            assertEquals(ROOT.resolve("schema/stack.schema.json"), target, stack + " names the wrong schema");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyValidSampleConforms() throws IOException {
        List<Path> samples = validSamples();
        assertTrue(samples.size() >= SAMPLE_FOLDERS.size(), "valid samples not found under " + ROOT);
        return samples.stream().map(sample -> dynamicTest(ROOT.relativize(sample).toString(),
                () -> assertEquals("", describe(validate(Files.readString(sample))), sample.toString())));
    }

    @TestFactory
    Stream<DynamicTest> everySampleMarkedSchemaInvalidFails() throws IOException {
        Path invalid = ROOT.resolve("samples/invalid");
        if (!Files.isDirectory(invalid)) return Stream.empty();
        try (Stream<Path> files = Files.list(invalid)) {
            List<Path> marked = files.filter(p -> p.toString().endsWith(".yml"))
                    .filter(p -> firstLine(p).equals(INVALID_MARKER)).sorted().toList();
            return marked.stream().map(sample -> dynamicTest(ROOT.relativize(sample).toString(),
                    () -> assertFalse(validate(Files.readString(sample)).isEmpty(), sample + " passes the schema")));
        }
    }

    @Test
    void theServiceTheCasesStartFromIsValid() {
        assertEquals("", describe(validate(stackWith(""))));
    }

    /**
     * Each case adds one line to service web of a valid stack (after "services:" or "top:", at that level) and
     * must fail with that keyword at that place; a place that starts with "." is inside web.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            build            | build: .                                      | additionalProperties | .
            networks         | networks: [default]                           | additionalProperties | .
            mac_address      | mac_address: 02:42:ac:11:00:02                | additionalProperties | .
            networks at top  | top:networks: {}                              | additionalProperties | $
            include at top   | top:include: [other.yml]                      | additionalProperties | $
            image + rootfs   | image: debian                                 | oneOf                | .
            environment 42   | environment: 42                               | oneOf                | .environment
            command a map    | command: {run: sleep}                         | oneOf                | .command
            read_only maybe  | read_only: maybe                              | type                 | .read_only
            bridge           | network_mode: bridge                          | pattern              | .network_mode
            container:db     | network_mode: container:db                    | pattern              | .network_mode
            restart word     | restart: sometimes                            | pattern              | .restart
            on-failure:word  | restart: on-failure:often                     | pattern              | .restart
            on-failure:0     | restart: on-failure:0                         | pattern              | .restart
            bare duration    | stop_grace_period: '10'                       | pattern              | .stop_grace_period
            size, bad unit   | mem_limit: 512 megs                           | pattern              | .mem_limit
            pids_limit 0     | pids_limit: 0                                 | minimum              | .pids_limit
            cpus 0           | cpus: 0                                       | exclusiveMinimum     | .cpus
            relative dir     | working_dir: tmp                              | pattern              | .working_dir
            bad condition    | depends_on: {db: {condition: up}}             | oneOf                | .depends_on
            test not CMD     | healthcheck: {test: [RUN, 'true']}            | oneOf                | .healthcheck.test
            CMD-SHELL twice  | healthcheck: {test: [CMD-SHELL, ls, /]}       | oneOf                | .healthcheck.test
            misspelt key     | healthcheck: {intervall: 5s}                  | additionalProperties | .healthcheck
            volume nfs       | volumes: [{type: nfs, target: /d}]            | oneOf                | .volumes[0]
            ulimit soft only | ulimits: {nofile: {soft: 1}}                  | oneOf                | .ulimits.nofile
            ports in none    | ports: ['8080:80']                            | false                | .ports
            joiner dns       | services:j: {network_mode: service:x, dns: a} | false                | $.services.j.dns
            bad project      | top:name: My Stack                            | pattern              | $.name
            bad service      | services:.web: {image: x}                     | propertyNames        | $.services
            ns: no path      | network_mode: 'ns:'                           | pattern              | .network_mode
            """)
    void aStructuralDefectFailsWhereItIs(String title, String line, String keyword, String location) {
        Set<ValidationMessage> errors = validate(stackWith(line));
        String where = location.equals(".") ? "$.services.web"
                : location.startsWith(".") ? "$.services.web" + location : location;
        assertTrue(errors.stream().anyMatch(m -> m.getType().equals(keyword)
                        && m.getInstanceLocation().toString().equals(where)),
                title + ": expected " + keyword + " at " + where + ", got:\n" + describe(errors));
    }

    /** Forms jstack accepts, each added the same way, so that the schema is not stricter than the loader. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            restart: no      | restart: no
            on-failure:5     | restart: on-failure:5
            ${MODE:-host}    | network_mode: ${MODE:-host}
            ${RO:-false}     | read_only: ${RO:-false}
            $PIDS            | pids_limit: $PIDS
            size in bytes    | mem_limit: 1073741824
            size with unit   | mem_limit: 1.5g
            size GiB         | mem_limit: 1.5GiB
            cpus a string    | cpus: '1.5'
            1m30s            | stop_grace_period: 1m30s
            duration 0       | stop_grace_period: 0
            fraction, ns     | stop_grace_period: .5s100ns
            test a string    | healthcheck: {test: curl -f http://127.0.0.1/, retries: 5}
            durations        | healthcheck: {interval: 500ms, timeout: 1.5s, start_interval: 1s}
            test NONE        | healthcheck: {test: [NONE]}
            test CMD-SHELL   | healthcheck: {test: [CMD-SHELL, exit 0], disable: false}
            command a string | command: sleep infinity
            number in a list | entrypoint: [sleep, 10]
            command null     | command: null
            signal number    | stop_signal: 9
            environment list | environment: [A=1, B]
            environment map  | environment: {A: 1, B: true, C: null, D: text}
            env_file forms   | env_file: [.env, {path: extra.env, required: false}]
            env_file object  | env_file: {path: extra.env}
            depends_on list  | depends_on: [db]
            depends_on long  | depends_on: {db: {condition: service_healthy, restart: true}}
            required: false  | depends_on: {db: {condition: service_completed_successfully, required: false}}
            short volumes    | volumes: ['./data:/data:ro', 'cache:/cache', /anonymous]
            tmpfs volume     | volumes: [{type: tmpfs, target: /t, tmpfs: {size: 64m, mode: 1777}}]
            octal text mode  | volumes: [{type: tmpfs, target: /t, tmpfs: {mode: '0o1777'}}]
            bind volume      | volumes: [{type: bind, source: ./d, target: /d, read_only: true}]
            create_host_path | volumes: [{type: bind, source: ./d, target: /d, bind: {create_host_path: true}}]
            tmpfs list       | tmpfs: [/run/a, /run/b]
            ulimits forms    | ulimits: {nproc: 65535, nofile: {soft: 1024, hard: 4096}}
            numeric user     | user: 1000
            capabilities     | cap_add: [NET_ADMIN, CAP_SYS_TIME]
            x- in a service  | x-note: {any: [thing]}
            profiles         | profiles: [debug, test]
            labels list      | labels: [a=b, c=d]
            extra_hosts map  | extra_hosts: {db: 10.0.0.2}
            extra_hosts list | extra_hosts: ['db:10.0.0.2', 'v6=::1']
            dns a string     | dns: 1.1.1.1
            init             | init: true
            ns mode          | network_mode: ns:/run/netns/lab
            image            | services:db: {image: 'debian:12', network_mode: host}
            joiner           | services:j: {rootfs: host, network_mode: 'service:web', restart: always}
            short ports      | services:h: {image: x, network_mode: host, ports: [80, '8080:80', '[::1]:53:53/udp']}
            ports with IP    | services:h: {image: x, network_mode: host, ports: [127.0.0.1::80/udp]}
            long port        | services:h: {image: x, network_mode: host, ports: [{target: 80, published: 8080}]}
            udp port         | services:h: {image: x, network_mode: host, ports: [{target: 53, protocol: udp}]}
            sctp port        | services:h: {image: x, network_mode: host, ports: ['9/sctp']}
            port host_ip     | services:h: {image: x, network_mode: host, ports: [{target: 53, host_ip: '::1'}]}
            port mode host   | services:h: {image: x, network_mode: host, ports: [{target: 53, mode: host}]}
            expose           | expose: [80, 53/udp]
            named volumes    | top:volumes: {data: null, cache: {labels: {a: b}}}
            top-level x-     | top:x-defaults: &defaults {rootfs: host}
            ${PROJECT}       | top:name: ${PROJECT:-demo}
            obsolete version | top:version: '3.8'
            """)
    void anAcceptedFormPasses(String title, String line) {
        assertEquals("", describe(validate(stackWith(line))), title);
    }

    private static String stackWith(String line) {
        String top = line.startsWith("top:") ? line.substring("top:".length()) : "";
        String service = line.startsWith("services:") ? line.substring("services:".length()) : "";
        String web = top.isEmpty() && service.isEmpty() ? line : "";
        return lines("", withLine(List.of("name: demo"), top))
                + "services:\n" + lines("  ", withLine(List.of(), service))
                + "  web:\n" + lines("    ", withLine(WEB, web));
    }

    /** The lines with {@code line} added, replacing the line that sets the same key. */
    private static List<String> withLine(List<String> lines, String line) {
        if (line.isEmpty()) return lines;
        String key = line.substring(0, line.indexOf(':') + 1);
        Stream<String> kept = lines.stream().filter(l -> !l.startsWith(key));
        return Stream.concat(kept, Stream.of(line)).toList();
    }

    private static String lines(String indent, List<String> lines) {
        return lines.stream().map(l -> indent + l + "\n").collect(Collectors.joining());
    }

    private static Set<ValidationMessage> validate(String yaml) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).build();
        Object document = new Load(settings).loadFromString(yaml);
        return schema.validate(JSON.valueToTree(document));
    }

    private static List<Path> validSamples() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(ROOT.resolve("samples/invalid")))
                    .filter(p -> firstLine(p).startsWith(SCHEMA_COMMENT))
                    .sorted().toList();
        }
    }

    /** Read as bytes: some invalid samples are not UTF-8 on purpose, and the markers are ASCII. */
    private static String firstLine(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Set<ValidationMessage> errors) {
        return errors.stream().map(m -> m.getType() + " " + m.getMessage()).sorted()
                .collect(Collectors.joining("\n"));
    }
}
