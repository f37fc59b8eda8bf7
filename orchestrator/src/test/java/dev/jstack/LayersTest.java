package dev.jstack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the directions of DESIGN.md §3: cli -> supervise -> apply -> plan -> graph -> spec, plan -> state, apply -> runtime;
 * the model depends on nothing of jstack, the runtime never sees the model, and only runtime.linux touches jnr.
 */
@AnalyzeClasses(packages = "dev.jstack", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    @ArchTest
    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            // Layers that have no code yet may stay empty; the rule binds them as soon as they do.
            .withOptionalLayers(true)
            .layer("cli").definedBy("dev.jstack.cli..")
            .layer("supervise").definedBy("dev.jstack.supervise..")
            .layer("apply").definedBy("dev.jstack.apply..")
            .layer("plan").definedBy("dev.jstack.plan..")
            .layer("graph").definedBy("dev.jstack.graph..")
            .layer("state").definedBy("dev.jstack.state..")
            .layer("runtime").definedBy("dev.jstack.runtime..")
            .layer("spec").definedBy("dev.jstack.spec..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("supervise").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("apply").mayOnlyBeAccessedByLayers("supervise", "cli")
            .whereLayer("plan").mayOnlyBeAccessedByLayers("apply", "supervise", "cli")
            .whereLayer("graph").mayOnlyBeAccessedByLayers("plan", "apply", "supervise", "cli")
            .whereLayer("state").mayOnlyBeAccessedByLayers("plan", "apply", "supervise", "runtime", "cli")
            .whereLayer("runtime").mayOnlyBeAccessedByLayers("apply", "supervise", "cli")
            .whereLayer("spec").mayOnlyBeAccessedByLayers("graph", "state", "plan", "apply", "supervise", "cli");

    @ArchTest
    static final ArchRule ONLY_RUNTIME_LINUX_USES_JNR = noClasses()
            .that().resideOutsideOfPackage("dev.jstack.runtime.linux..")
            .should().dependOnClassesThat().resideInAPackage("jnr..")
            .because("jnr is only for what Java cannot do, and that lives in dev.jstack.runtime.linux");
}
