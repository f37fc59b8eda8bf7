package dev.jstack.plan;

/**
 * What a plan does to one service's container and why: start it as it is (created, never started), replace it
 * (stop, remove, create, start), or only remove it (an orphan).
 */
record Change(Kind kind, String cause) {

    enum Kind { START, REPLACE, REMOVE }

    static Change start(String cause) {
        return new Change(Kind.START, cause);
    }

    static Change replace(String cause) {
        return new Change(Kind.REPLACE, cause);
    }

    static Change remove(String cause) {
        return new Change(Kind.REMOVE, cause);
    }
}
