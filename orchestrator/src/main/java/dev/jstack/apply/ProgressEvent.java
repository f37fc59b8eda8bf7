package dev.jstack.apply;

/**
 * One step of applying a plan as a user sees it: a container or network namespace, what is happening to it
 * ({@code Creating}, or {@code Created} once {@code done}), and its service. Renderers turn it into compose's
 * progress lines, plain lines or JSON.
 */
public record ProgressEvent(String kind, String name, String service, String status, boolean done) {

    /** The plain line: {@code Container p-a-1  Started}. */
    public String text() {
        return kind + " " + name + "  " + status;
    }
}
