package dev.jstack.spec;

import java.util.List;

/**
 * Loads stack files into a {@link Stack}. The phases, in order: find the files; read each as YAML nodes
 * with their marks; interpolate; merge the files; build the model; validate; run the given rules.
 * Every problem of every phase is collected and reported at once.
 */
public final class StackLoader {

    private StackLoader() {
    }

    public static LoadResult load(LoadOptions options, List<StackRule> rules) throws InvalidStackException {
        throw new UnsupportedOperationException("not yet");
    }
}
