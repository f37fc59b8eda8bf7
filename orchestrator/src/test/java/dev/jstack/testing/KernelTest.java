package dev.jstack.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs the real kernel as root (namespaces, mounts, an OCI runtime). Such tests run with
 * {@code -Pe2e}; when they run, a missing prerequisite fails them: it is never a silent skip.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("kernel")
@ExtendWith(HostPrerequisites.class)
public @interface KernelTest {
}
