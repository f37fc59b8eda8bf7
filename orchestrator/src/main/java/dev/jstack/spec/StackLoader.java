package dev.jstack.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads stack files into a {@link Stack}. The phases, in order:
 * <ol>
 *   <li>find the files: {@link LoadOptions#files()} (relative to the working directory), else the first of
 *       stack.yml, compose.yaml, compose.yml, docker-compose.yml there ({@link StackFiles});</li>
 *   <li>read the variables: the process environment, then the env files or {@code .env} of the project
 *       directory, the directory of the first file ({@link Environment});</li>
 *   <li>read each file as YAML 1.2 nodes with their marks: UTF-8, one mapping, no duplicate keys, anchors,
 *       aliases and merge keys with a bound on expansion ({@link YamlReader}, {@link NodeConverter}); a file
 *       that cannot be read stops the load here;</li>
 *   <li>interpolate every scalar value, never keys ({@link Interpolator});</li>
 *   <li>rewrite list forms that have a mapping twin ({@link ShortForms}), then merge the files in order
 *       ({@link NodeMerger}) and record where each key was set ({@link SourceRecorder});</li>
 *   <li>build the model, reporting unknown keys and wrong values ({@link ModelBuilder});</li>
 *   <li>decide the project name ({@link ProjectName}) and the active services ({@link Profiles});</li>
 *   <li>validate across services ({@link Validator}) and link them ({@link Linker});</li>
 *   <li>run the given rules over the stack, even when there are errors already;</li>
 *   <li>throw {@link InvalidStackException} with every problem sorted by position if any is an error, else
 *       return the stack with its warnings.</li>
 * </ol>
 */
public final class StackLoader {

    private StackLoader() {
    }

    public static LoadResult load(LoadOptions options, List<StackRule> rules) throws InvalidStackException {
        Diagnostics out = new Diagnostics();
        List<StackFiles.StackFile> files = StackFiles.find(options, out);
        if (files.isEmpty() || out.hasErrors()) throw new InvalidStackException(out.sorted());
        out.fileOrder(files.stream().map(StackFiles.StackFile::shown).toList());
        Path projectDir = files.get(0).path().getParent();
        Environment env = Environment.load(options, projectDir, out);
        List<YNode.Mapping> trees = new ArrayList<>();
        for (StackFiles.StackFile f : files) YamlReader.read(f.path(), f.shown(), out).ifPresent(trees::add);
        if (trees.size() != files.size()) throw new InvalidStackException(out.sorted());

        Interpolator interpolator = new Interpolator(env.lookup(), out);
        ShortForms shortForms = new ShortForms(out);
        List<YNode.Mapping> ready = trees.stream().map(interpolator::apply).map(shortForms::apply).toList();
        YNode.Mapping merged = NodeMerger.merge(ready);
        SourceMap sources = SourceRecorder.record(merged, new Position(files.get(0).shown(), 1, 1));

        ModelBuilder.Draft draft = ModelBuilder.build(merged, projectDir, env, options, out);
        String name = ProjectName.resolve(options, env, draft, projectDir, out);
        Set<String> active = Profiles.active(draft.services(), Profiles.selected(options, env));
        Validator.check(draft, active, out);
        Stack stack = new Stack(name, projectDir.toString(),
                files.stream().map(f -> f.path().toString()).toList(), Linker.link(draft, active),
                draft.volumes(), draft.extensions());
        for (StackRule rule : rules) out.addAll(rule.check(stack, sources));
        if (out.hasErrors()) throw new InvalidStackException(out.sorted());
        return new LoadResult(stack, sources, out.warnings());
    }
}
