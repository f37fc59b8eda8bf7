package dev.jstack.spec;

/** One entry of {@code depends_on}, always in the long form after loading. */
public record Dependency(Condition condition, boolean restart, boolean required) {

    public enum Condition {
        SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY;

        public String yamlName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public static Dependency started() {
        return new Dependency(Condition.SERVICE_STARTED, false, true);
    }
}
