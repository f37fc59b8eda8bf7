package dev.jstack.spec;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the readers of one service share: the value readers (and through them the diagnostics), the project
 * directory that relative paths are resolved against, the project's variables, and the declared named volumes.
 */
record BuildContext(Values values, Path projectDir, Environment env, Set<String> declaredVolumes,
                    LoadOptions options) {

    /** The same context reporting nowhere: to build the stand-in of a part that was already reported. */
    BuildContext quiet() {
        return new BuildContext(new Values(new Diagnostics()), projectDir, env, declaredVolumes, options);
    }

    Diagnostics out() {
        return values.out();
    }

    /**
     * A host path made absolute: {@code ~} and {@code ~/...} against HOME, the rest against the project
     * directory. Null when it needs HOME and HOME is unset (reported at {@code at}).
     */
    String hostPath(String path, Position at) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            String home = env.get("HOME");
            if (home == null) {
                out().error(at, "`" + path + "` needs HOME, which is not set", Fixes.HOME);
                return null;
            }
            p = home + p.substring(1);
        }
        return projectDir.resolve(p).normalize().toString();
    }

    /** How messages name a file under the project: as given relative to the working directory. */
    String shown(Path file) {
        return StackFiles.shown(options, file);
    }
}
