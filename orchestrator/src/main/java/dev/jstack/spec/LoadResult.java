package dev.jstack.spec;

import java.util.List;

/** A valid stack, where each part of it was written, and the warnings found while loading it. */
public record LoadResult(Stack stack, SourceMap sources, List<Diagnostic> warnings) {
}
