package dev.jstack.spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides the project's name as Compose does: {@code -p}, else JSTACK_PROJECT_NAME, else the file's
 * {@code name:}, else the project directory's name in lower case with the characters a name cannot hold
 * dropped. A name given explicitly must already be valid: it is reported, never rewritten.
 */
final class ProjectName {

    static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    static final String ENV = "JSTACK_PROJECT_NAME";

    private ProjectName() {
    }

    static String resolve(LoadOptions options, Environment env, ModelBuilder.Draft draft, Path projectDir,
                          Diagnostics out) {
        if (options.projectName() != null && !options.projectName().isEmpty()) {
            return checked(options.projectName(), "given with -p", Position.NONE, out);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) return checked(fromEnv, "from " + ENV, Position.NONE, out);
        if (draft.name() != null && !draft.name().isEmpty()) {
            return checked(draft.name(), "set by `name`", draft.nameAt(), out);
        }
        Path base = projectDir.getFileName();
        String dir = base == null ? "" : base.toString();
        String name = fromDirectory(dir);
        if (name.isEmpty()) {
            out.error(Position.NONE, "cannot make a project name from the directory name `" + dir + "`",
                    Fixes.PROJECT_NAME_FROM_DIR);
        }
        return name;
    }

    /** Compose's rule: lower case, only {@code a-z 0-9 _ -}, starting with a letter or digit. */
    static String fromDirectory(String dir) {
        String kept = dir.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return kept.replaceFirst("^[_-]+", "");
    }

    private static String checked(String name, String source, Position at, Diagnostics out) {
        if (!VALID.matcher(name).matches()) {
            out.error(at, "the project name `" + name + "` (" + source + ") is not valid", Fixes.PROJECT_NAME);
        }
        return name;
    }
}
