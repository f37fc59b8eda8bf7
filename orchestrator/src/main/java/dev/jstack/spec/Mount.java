package dev.jstack.spec;

/**
 * One entry of {@code volumes:} (or {@code tmpfs:}), always in the long form after loading.
 * For BIND the source is an absolute host path; for VOLUME a named volume (or null: anonymous);
 * for TMPFS there is no source and {@code tmpfsSize} (bytes, 0 = unset) and {@code tmpfsMode} (-1 = unset) apply.
 */
public record Mount(Type type, String source, String target, boolean readOnly, boolean createHostPath,
                    long tmpfsSize, int tmpfsMode) {

    public enum Type {
        BIND, VOLUME, TMPFS;

        public String yamlName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
