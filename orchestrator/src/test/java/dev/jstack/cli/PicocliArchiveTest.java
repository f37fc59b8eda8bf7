package dev.jstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps picocli's classes in the launcher's class data sharing archive: the archive's dump links the target class
 * of every lambda it archives, and a linked class of class file version 49 (all of picocli's) is then left out, so a
 * method reference to picocli (such as {@code cli::addSubcommand}) made every command parse CommandLine from the jar.
 */
class PicocliArchiveTest {

    @Test
    void noMethodOrConstructorReferenceTargetsPicocli() {
        JavaClasses classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.jstack");
        List<String> references = classes.stream()
                .flatMap(c -> Stream.concat(c.getMethodReferencesFromSelf().stream(),
                        c.getConstructorReferencesFromSelf().stream()))
                .filter(r -> r.getTargetOwner().getPackageName().startsWith("picocli"))
                .map(r -> r.getDescription())
                .sorted()
                .toList();
        assertEquals(List.of(), references);
    }
}
