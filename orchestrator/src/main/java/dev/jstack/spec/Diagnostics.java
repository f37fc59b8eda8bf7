package dev.jstack.spec;

import java.util.ArrayList;
import java.util.List;

/** The problems found while loading one stack, collected so that all of them are reported at once. */
final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    void error(Position at, String message, String fix) {
        all.add(Diagnostic.error(at, message, fix));
    }

    void warning(Position at, String message, String fix) {
        all.add(Diagnostic.warning(at, message, fix));
    }

    void addAll(List<Diagnostic> found) {
        all.addAll(found);
    }

    boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    int size() {
        return all.size();
    }

    List<Diagnostic> errors() {
        return all.stream().filter(Diagnostic::isError).sorted().toList();
    }

    List<Diagnostic> warnings() {
        return all.stream().filter(d -> !d.isError()).sorted().toList();
    }

    /** Every problem, errors and warnings together, sorted by position. */
    List<Diagnostic> sorted() {
        return all.stream().sorted().toList();
    }
}
