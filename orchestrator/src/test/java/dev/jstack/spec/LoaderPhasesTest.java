package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases around the model: finding files, variables and env files, project name, profiles, rules. */
class LoaderPhasesTest {

    static final String A = "services:\n  a:\n    rootfs: host\n    network_mode: host\n";

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
    }

    @Test
    void theFirstDefaultNameFoundIsLoaded() throws Exception {
        f.write("docker-compose.yml", A.replace("a:", "old:"));
        f.write("compose.yaml", A.replace("a:", "new:"));
        assertEquals(List.of("new"), List.copyOf(f.stack().services().keySet()));
        f.write("stack.yml", A);
        assertEquals(List.of(dir.resolve("stack.yml").toString()), f.stack().files());
    }

    @Test
    void noFileFoundSaysWhichNamesWereTried() {
        assertEquals("error: no stack file in " + dir + " (looked for stack.yml, compose.yaml, compose.yml, "
                + "docker-compose.yml)\n  fix: run jstack in the project's directory, or name the file with -f",
                f.errors());
    }

    @Test
    void relativeFilesResolveAgainstTheWorkingDirectoryAndPrintAsGiven() throws Exception {
        f.write("sub/app.yml", A + "    volumes: [./data:/data]\n    restart: never\n");
        assertEquals("""
                sub/app.yml:6:14: error: `services.a.restart` `never` is not a restart policy
                  fix: use one of: no, always, on-failure, on-failure:N, unless-stopped""", f.errors("sub/app.yml"));
        f.write("sub/app.yml", A + "    volumes: [./data:/data]\n");
        Stack stack = f.stack("sub/app.yml");
        assertEquals(dir.resolve("sub").toString(), stack.projectDir());
        assertEquals(dir.resolve("sub/data").toString(), stack.services().get("a").volumes().get(0).source());
        assertEquals("""
                missing.yml: error: stack file not found
                  fix: check the path given with -f""", f.errors("missing.yml"));
    }

    @Test
    void projectNameComesFromOptionThenEnvironmentThenFileThenDirectory() throws Exception {
        f.write("My Project!/stack.yml", A);
        f.projectName = null;
        assertEquals("myproject", f.stack("My Project!/stack.yml").name());
        f.write("My Project!/stack.yml", "name: fromfile\n" + A);
        assertEquals("fromfile", f.stack("My Project!/stack.yml").name());
        f.env.put("JSTACK_PROJECT_NAME", "fromenv");
        assertEquals("fromenv", f.stack("My Project!/stack.yml").name());
        f.projectName = "fromoption";
        assertEquals("fromoption", f.stack("My Project!/stack.yml").name());
    }

    @Test
    void aProjectNameGivenExplicitlyMustBeValid() {
        f.projectName = null;
        assertEquals("""
                stack.yml:1:7: error: the project name `My_App` (set by `name`) is not valid
                  fix: use lower-case letters, digits, `_` and `-`, starting with a letter or digit""",
                f.errorsOf("name: My_App\n" + A));
        f.projectName = "-x";
        assertEquals("""
                error: the project name `-x` (given with -p) is not valid
                  fix: use lower-case letters, digits, `_` and `-`, starting with a letter or digit""",
                f.errorsOf(A));
        assertEquals("ab-c", ProjectName.fromDirectory("__A.b-C"));
    }

    @Test
    void profilesSelectServicesFromOptionsAndEnvironment() throws Exception {
        f.write("stack.yml", A + "  dbg:\n    rootfs: host\n    network_mode: host\n    profiles: [debug, ops]\n"
                + "  tr:\n    rootfs: host\n    network_mode: host\n    profiles: [trace]\n");
        assertEquals(List.of("a"), List.copyOf(f.stack("stack.yml").services().keySet()));
        f.profiles.add("ops");
        assertEquals(List.of("a", "dbg"), List.copyOf(f.stack("stack.yml").services().keySet()));
        f.env.put("JSTACK_PROFILES", " trace ,x");
        assertEquals(List.of("a", "dbg", "tr"), List.copyOf(f.stack("stack.yml").services().keySet()));
        f.profiles.clear();
        f.env.put("JSTACK_PROFILES", "*");
        assertEquals(List.of("a", "dbg", "tr"), List.copyOf(f.stack("stack.yml").services().keySet()));
    }

    @Test
    void valuesAreInterpolatedButKeysAreNot() throws Exception {
        f.env.put("TAG", "1.2");
        f.env.put("KEY", "nope");
        f.write("stack.yml", """
                services:
                  a:
                    image: app:${TAG}
                    network_mode: host
                    environment:
                      $KEY: "$$HOME and ${MISSING:-fallback}"
                """);
        Service a = f.service("a", "stack.yml");
        assertEquals(new Rootfs.Image("app:1.2"), a.rootfs());
        assertEquals(Map.of("$KEY", "$HOME and fallback"), a.process().environment());
    }

    @Test
    void aMissingRequiredVariableIsReportedAtItsColumn() {
        assertEquals("""
                stack.yml:3:17: error: cannot interpolate `services.a.image`: required variable TAG is missing a value: tag it
                  fix: set the variable in the environment or in .env""",
                f.errorsOf("services:\n  a:\n    image: \"app:${TAG:?tag it}\"\n    network_mode: host\n"));
    }

    @Test
    void anUnsetVariableIsAWarningAndStandsForNothing() throws Exception {
        f.write("stack.yml", A + "    hostname: h${SUFFIX}\n");
        LoadResult result = f.load("stack.yml");
        assertEquals("h", result.stack().services().get("a").network().hostname());
        assertEquals("""
                stack.yml:5:15: warning: `services.a.hostname`: variable SUFFIX is not set, so it stands for an empty string
                  fix: set SUFFIX, or give a default: ${SUFFIX:-default}""", result.warnings().get(0).toString());
    }

    @Test
    void dotEnvProvidesVariablesButTheProcessEnvironmentWins() throws Exception {
        f.write(".env", "TAG=fromfile\nHOST=h1\n");
        f.write("stack.yml", "services:\n  a:\n    image: app:${TAG}\n    hostname: ${HOST}\n    network_mode: none\n");
        f.env.put("TAG", "fromprocess");
        Service a = f.service("a", "stack.yml");
        assertEquals(new Rootfs.Image("app:fromprocess"), a.rootfs());
        assertEquals("h1", a.network().hostname());
    }

    @Test
    void envFilesGivenReplaceDotEnv() throws Exception {
        f.write(".env", "HOST=dotenv\n");
        f.write("other.env", "HOST=other\n");
        f.envFiles.add(Path.of("other.env"));
        f.write("stack.yml", "services:\n  a:\n    rootfs: host\n    hostname: ${HOST}\n    network_mode: none\n");
        assertEquals("other", f.service("a", "stack.yml").network().hostname());
        f.envFiles.set(0, Path.of("gone.env"));
        assertEquals("""
                stack.yml:4:15: warning: `services.a.hostname`: variable HOST is not set, so it stands for an empty string
                  fix: set HOST, or give a default: ${HOST:-default}
                gone.env: error: env file not found
                  fix: check the path given with --env-file""", f.errors("stack.yml"));
    }

    @Test
    void envFileIsFoldedIntoEnvironmentWhichWins() throws Exception {
        f.env.put("FROM_ENV", "e");
        f.write("app.env", "A=1\nB=2\nFROM_ENV\n");
        f.write("stack.yml", A + """
                    env_file:
                      - app.env
                      - path: optional.env
                        required: false
                    environment:
                      B: "3"
                      FROM_ENV:
                      UNSET:
                """);
        assertEquals(Map.of("A", "1", "B", "3", "FROM_ENV", "e"), f.service("a", "stack.yml").process().environment());
        f.write("stack.yml", A + "    env_file: missing.env\n");
        assertEquals("stack.yml:5:15: error: env file `missing.env` not found (" + dir.resolve("missing.env") + ")\n"
                + "  fix: create the file, correct the path, or mark it `required: false`", f.errors("stack.yml"));
    }

    @Test
    void envFileSyntaxErrorsPointIntoTheEnvFile() {
        f.write("bad.env", "OK=1\n=oops\n");
        String report = f.errorsOf(A + "    env_file: bad.env\n");
        assertTrue(report.startsWith("bad.env:2:1: error: "), report);
    }

    @Test
    void rulesRunEvenWhenThereAreErrorsAndSeeOnlyValidReferences() {
        f.write("stack.yml", A + "    restart: bad\n  b:\n    rootfs: host\n    network_mode: service:ghost\n"
                + "    depends_on: [a, ghost, b]\n");
        List<Stack> seen = new ArrayList<>();
        StackRule rule = (stack, sources) -> {
            seen.add(stack);
            return List.of(Diagnostic.error(sources.at("services.b"), "rule says no", null));
        };
        InvalidStackException e = assertThrows(InvalidStackException.class,
                () -> StackLoader.load(f.options("stack.yml"), List.of(rule)));
        assertTrue(e.getMessage().contains("stack.yml:6:3: error: rule says no"), e.getMessage());
        assertEquals(5, e.diagnostics().size());
        Service b = seen.get(0).services().get("b");
        assertEquals(new NetworkMode.None(), b.network().mode());
        assertEquals(Map.of("a", Dependency.started()), b.lifecycle().dependsOn());
    }

    @Test
    void aVersionKeyIsAWarning() throws Exception {
        f.write("stack.yml", "version: \"3.9\"\n" + A);
        assertEquals("stack.yml:1:1: warning: `version` is obsolete and ignored\n  fix: remove `version`: the format "
                + "has no versions", f.load("stack.yml").warnings().get(0).toString());
    }
}
