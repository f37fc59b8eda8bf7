package dev.jstack.cli;

import dev.jstack.apply.Project;
import dev.jstack.supervise.SupervisorFiles;
import dev.jstack.supervise.Supervisors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the commands start a project's supervisor: the same Java, a small serial-GC heap, this jar, and the
 * global options that chose the stack, with the resolved project name, from the command's working directory.
 */
final class Supervision {
    /** The supervisor is what stays resident: a small heap, one GC thread, the quick compiler only. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx32m", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m", "-Xshare:auto");

    private Supervision() {
    }

    static Supervisors of(Project project) {
        return new Supervisors(SupervisorFiles.of(project.paths()));
    }

    static Supervisors.Launch launch(JstackCommand root, Project project, String runtime, Path workingDir,
                                     Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments(root.global(), project.paths().project()));
        command.addAll(List.of("supervise", "--runtime", runtime, project.paths().project()));
        return new Supervisors.Launch(workingDir.toString(), command);
    }

    static List<String> arguments(GlobalOptions global, String project) {
        List<String> args = new ArrayList<>(List.of("-p", project));
        global.files.forEach(f -> args.addAll(List.of("-f", f.toString())));
        global.envFiles.forEach(f -> args.addAll(List.of("--env-file", f.toString())));
        global.profiles.forEach(p -> args.addAll(List.of("--profile", p)));
        return args;
    }
}
