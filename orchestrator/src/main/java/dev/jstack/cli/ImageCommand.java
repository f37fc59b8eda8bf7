package dev.jstack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jstack.runtime.HostCheck;
import dev.jstack.runtime.image.Digest;
import dev.jstack.runtime.image.ImageRecord;
import dev.jstack.runtime.image.ImageReference;
import dev.jstack.runtime.image.ImageStore;
import dev.jstack.runtime.image.ImageUsers;
import dev.jstack.runtime.linux.LinuxLayerFiles;
import dev.jstack.state.ProjectPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jstack image}: the local image store (import, ls, rm); its root is JSTACK_IMAGE_ROOT or the default. */
@Command(name = "image", description = "Manage the local image store.",
        subcommands = {ImageCommand.Import.class, ImageCommand.Ls.class, ImageCommand.Rm.class})
public final class ImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "an image command is missing: import, ls or rm");
    }

    /** The store of this host, after the check that we are root. */
    static ImageStore store(CommandSpec spec) throws Exception {
        HostCheck.requireRoot();
        return new ImageStore(ImageStore.root(JstackCommand.of(spec).environment()), new LinuxLayerFiles());
    }

    static ImageReference reference(CommandSpec spec, String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Command(name = "import", description = "Import a docker save or OCI archive, an OCI layout or a rootfs tarball.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "The name to import under.")
        String name;

        @Parameters(index = "1", paramLabel = "FILE|DIR", description = "The archive, layout or tarball.")
        Path source;

        @Override
        public Integer call() throws Exception {
            ImageReference ref = reference(spec, name);
            ImageStore store = store(spec);
            ImageRecord r = store.importImage(ref, source,
                    ImageUsers.ids(ImageUsers.scan(ProjectPaths.RUN_ROOT)));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Imported " + ref + " " + r.id());
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "ls", description = "List the images in the store.")
    static final class Ls implements Callable<Integer> {
        enum Format { table, json }

        @Spec
        CommandSpec spec;

        @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
                description = "Output format: table (default) or json.")
        Format format;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> rows = rows(store(spec).list());
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                PsCommand.printTable(out, List.of("NAME", "TAG", "ID", "SIZE", "CREATED"), table(rows));
            }
            out.flush();
            return ExitCode.OK;
        }

        static List<Map<String, Object>> rows(List<ImageRecord> records) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ImageRecord r : records) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put("tag", r.tag());
                row.put("id", r.id());
                row.put("size", r.size());
                row.put("created", r.created() == null ? "" : r.created());
                rows.add(row);
            }
            return rows;
        }

        static List<List<String>> table(List<Map<String, Object>> rows) {
            return rows.stream().map(r -> List.of(String.valueOf(r.get("name")), String.valueOf(r.get("tag")),
                    new Digest(String.valueOf(r.get("id")).substring(7)).shortId(), size((Long) r.get("size")),
                    String.valueOf(r.get("created")))).toList();
        }

        /** Sizes as Docker prints them: decimal units, three significant digits. */
        static String size(long bytes) {
            String[] units = {"B", "kB", "MB", "GB", "TB"};
            double value = bytes;
            int unit = 0;
            while (value >= 1000 && unit < units.length - 1) {
                value /= 1000;
                unit++;
            }
            return unit == 0 ? bytes + "B" : String.format(java.util.Locale.ROOT, "%.3g%s", value, units[unit]);
        }
    }

    @Command(name = "rm", description = "Remove an image; refused while a container uses it.")
    static final class Rm implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME[:TAG]", description = "The image to remove.")
        String name;

        @Override
        public Integer call() throws Exception {
            ImageReference ref = reference(spec, name);
            ImageRecord r = store(spec).remove(ref, ImageUsers.scan(ProjectPaths.RUN_ROOT));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Removed " + ref + " " + r.id());
            out.flush();
            return ExitCode.OK;
        }
    }
}
