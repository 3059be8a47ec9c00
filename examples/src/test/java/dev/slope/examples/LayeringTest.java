package dev.slope.examples;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.slope.autograd.Device;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.ops.Kernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package imports form a straight line; any arrow back fails here. This module sees
 * all four, so the rules read the compiled main classes of each (tests and test-jars left out).
 *
 * <pre>
 * modules:  examples -> {optim, nn} -> autograd      (optim and nn are siblings: neither knows the other)
 * autograd: check -> {core, ops} -> backend..        (core = dev.slope.autograd; core and ops are one layer:
 *                                                      Tensor calls ops, ops make Tensors)
 * </pre>
 *
 * and inside core and ops, only the dispatch layer {@link Kernels} calls {@link Backend} methods.
 */
class LayeringTest {
    private static final String AUTOGRAD = "dev.slope.autograd..";
    private static final String OPTIM = "dev.slope.optim..";
    private static final String NN = "dev.slope.nn..";
    private static final String EXAMPLES = "dev.slope.examples..";
    private static final String BACKEND = "dev.slope.autograd.backend..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        main = new ClassFileImporter().withImportOption(mainOnly).importPackages("dev.slope");
    }

    @Test
    void modulesDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("examples").definedBy(EXAMPLES)
                .layer("optim").definedBy(OPTIM)
                .layer("nn").definedBy(NN)
                .layer("autograd").definedBy(AUTOGRAD)
                .whereLayer("examples").mayNotBeAccessedByAnyLayer()
                .whereLayer("optim").mayOnlyBeAccessedByLayers("examples")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("examples")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("optim", "nn", "examples")
                .check(main);
    }

    @Test
    void autogradPackagesDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("check").definedBy("dev.slope.autograd.check..")
                .layer("core and ops").definedBy("dev.slope.autograd", "dev.slope.autograd.ops..")
                .layer("backend").definedBy(BACKEND)
                .whereLayer("check").mayNotBeAccessedByAnyLayer()
                .whereLayer("core and ops").mayOnlyBeAccessedByLayers("check")
                .whereLayer("backend").mayOnlyBeAccessedByLayers("core and ops", "check")
                .check(main);
    }

    /** The kernels know nothing of autograd: only themselves, the JDK and their libraries (JOCL). */
    @Test
    void backendKnowsNothingAboveIt() {
        classes().that().resideInAPackage(BACKEND)
                .should().onlyDependOnClassesThat(resideInAPackage(BACKEND).or(resideOutsideOfPackage("dev.slope..")))
                .check(main);
    }

    /** Tensor is a facade over ops and ops over Kernels: no other class above backend calls a Backend method. */
    @Test
    void onlyTheDispatchLayerCallsBackendMethods() {
        noClasses().that().resideInAPackage(AUTOGRAD).and().resideOutsideOfPackage(BACKEND)
                // Device makes and picks the backends
                .and(not(belongToAnyOf(Kernels.class, Device.class)))
                .should().callMethodWhere(target(owner(assignableTo(Backend.class))))
                .check(main);
    }
}
