package dev.jstack.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found while loading one stack, collected so that all of them are reported at once. */
final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();
    private List<String> fileOrder = List.of();

    /**
     * The stack files as given, in order: problems sort by file in this order (not by name), then by line and
     * column. Problems without a file come first, those of other files (env files) after, by name.
     */
    void fileOrder(List<String> files) {
        fileOrder = List.copyOf(files);
    }

    private Comparator<Diagnostic> order() {
        Comparator<Diagnostic> byFile = Comparator.comparingInt(d -> rank(d.position().file()));
        return byFile.thenComparing(Comparator.naturalOrder());
    }

    private int rank(String file) {
        if (file.isEmpty()) return -1;
        int i = fileOrder.indexOf(file);
        return i >= 0 ? i : fileOrder.size();
    }

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

    List<Diagnostic> warnings() {
        return all.stream().filter(d -> !d.isError()).sorted(order()).toList();
    }

    /** Every problem, errors and warnings together, sorted by position. */
    List<Diagnostic> sorted() {
        return all.stream().sorted(order()).toList();
    }
}
