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
    /**
     * The supervisor awake: a heap that starts at 12 MB with a young generation of 4 MB (the supervisor's live data
     * is about 5 MB at 100 containers; from 4 and 2 MB, its start made 16 collections, 7 of them full, to grow the
     * heap by small steps), which a full collection after each apply shrinks back towards its live data and 20%
     * more (what stays resident is the program that rests, see RestingMain), one GC thread, the quick
     * compiler only, a small code cache, no performance-data file. The class data sharing archive is mapped where
     * it was made rather than relocated, which would copy all of its pages into private memory.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms12m", "-Xmn4m", "-Xmx32m",
            "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=10",
            "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=8m",
            "-XX:MaxMetaspaceSize=64m", "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0", "-Xshare:auto");
    /**
     * glibc keeps what malloc freed, in each arena, until something trims it: the JVM trims every second where it
     * can. 17.0.9 and 21.0.1 have the option, 18 to 20 do not, and an unknown option stops the JVM from starting;
     * some releases have it as an experimental option, which the first option unlocks.
     */
    private static final List<String> TRIM_NATIVE_HEAP = List.of("-XX:+UnlockExperimentalVMOptions",
            "-XX:TrimNativeHeapInterval=1000");
    private static final String SHARED_ARCHIVE = "-XX:SharedArchiveFile=";

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
        command.addAll(nativeHeapTrim(Runtime.version()));
        command.addAll(sharedArchive(ownCommandLine()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                SupervisorMain.class.getName()));
        command.addAll(supervisorArguments(root.global(), project.paths().project(), runtime));
        return new Supervisors.Launch(workingDir.toString(), command);
    }

    /** The option that trims the native heap, on a Java that has it; the supervisor runs on this same Java. */
    static List<String> nativeHeapTrim(Runtime.Version java) {
        boolean has = java.feature() == 17 && java.update() >= 9 || java.feature() == 21 && java.update() >= 1
                || java.feature() >= 22;
        return has ? TRIM_NATIVE_HEAP : List.of();
    }

    /**
     * The class data sharing archive this JVM runs with (the launcher's), for the supervisor too: its classes come
     * parsed and verified from the file, and pages of it that another jstack process maps count once between them.
     */
    static List<String> sharedArchive(List<String> commandLine) {
        return commandLine.stream().filter(a -> a.startsWith(SHARED_ARCHIVE)).limit(1).toList();
    }

    // From /proc rather than the management beans, which would load many classes for one list.
    static List<String> ownCommandLine() {
        return Supervisors.commandLine(ProcessHandle.current().pid());
    }

    /** What {@link SupervisorMain} reads ({@link SupervisorArguments}): the stack's options, then the verb. */
    static List<String> supervisorArguments(GlobalOptions global, String project, String runtime) {
        List<String> args = arguments(global, project);
        args.addAll(List.of("supervise", "--runtime", runtime, project));
        return args;
    }

    static List<String> arguments(GlobalOptions global, String project) {
        List<String> args = new ArrayList<>(List.of("-p", project));
        global.files.forEach(f -> args.addAll(List.of("-f", f.toString())));
        global.envFiles.forEach(f -> args.addAll(List.of("--env-file", f.toString())));
        global.profiles.forEach(p -> args.addAll(List.of("--profile", p)));
        return args;
    }
}
