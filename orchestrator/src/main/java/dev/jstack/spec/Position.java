package dev.jstack.spec;

/**
 * A place in a stack file, 1-based, as printed in messages: {@code file:line:column}.
 * snakeyaml-engine's marks count from 0; convert with {@link #fromMark}.
 */
public record Position(String file, int line, int column) implements Comparable<Position> {

    public static final Position NONE = new Position("", 0, 0);

    public static Position fromMark(String file, org.snakeyaml.engine.v2.exceptions.Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    @Override
    public int compareTo(Position o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
