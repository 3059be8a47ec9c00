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
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.slope.autograd.Device;
import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.ops.Kernels;
import dev.slope.optim.Require;
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
 * optim:    secondorder -> linesearch -> top;  schedule -> top;  top -> {transform, fused}
 *           (top = dev.slope.optim; linesearch uses only top's Require, the one wording of range checks)
 * examples: top -> {bench, lectures} -> train -> {data, plot}   (top = dev.slope.examples, the slope command)
 * </pre>
 *
 * The whole package graph of slope is free of cycles, autograd's core and ops counted as one package;
 * and inside core and ops, only the dispatch layer {@link Kernels} calls {@link Backend} methods.
 */
class LayeringTest {
    private static final String AUTOGRAD = "dev.slope.autograd..";
    private static final String OPTIM = "dev.slope.optim..";
    private static final String NN = "dev.slope.nn..";
    private static final String EXAMPLES = "dev.slope.examples..";
    private static final String BACKEND = "dev.slope.autograd.backend..";

    /** Every package its own slice, except that dev.slope.autograd and dev.slope.autograd.ops are one. */
    private static final SliceAssignment PACKAGES_WITH_CORE_AND_OPS_AS_ONE = new SliceAssignment() {
        @Override public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith("dev.slope.")) return SliceIdentifier.ignore();
            if (p.equals("dev.slope.autograd") || p.equals("dev.slope.autograd.ops")) return SliceIdentifier.of("dev.slope.autograd + ops");
            return SliceIdentifier.of(p);
        }

        @Override public String getDescription() { return "the packages of slope (autograd's core and ops as one)"; }
    };

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

    /** No package of slope reaches itself again through its imports; the one exception: autograd's core and ops are one. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(PACKAGES_WITH_CORE_AND_OPS_AS_ONE).should().beFreeOfCycles().check(main);
    }

    @Test
    void optimPackagesDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("secondorder").definedBy("dev.slope.optim.secondorder..")
                .layer("schedule").definedBy("dev.slope.optim.schedule..")
                .layer("linesearch").definedBy("dev.slope.optim.linesearch..")
                .layer("top").definedBy("dev.slope.optim")
                .layer("transform").definedBy("dev.slope.optim.transform..")
                .layer("fused").definedBy("dev.slope.optim.fused..")
                .whereLayer("secondorder").mayNotBeAccessedByAnyLayer()
                .whereLayer("schedule").mayNotBeAccessedByAnyLayer()
                .whereLayer("linesearch").mayOnlyBeAccessedByLayers("secondorder")
                .whereLayer("top").mayOnlyBeAccessedByLayers("secondorder", "schedule", "linesearch")
                .whereLayer("transform").mayOnlyBeAccessedByLayers("top")
                .whereLayer("fused").mayOnlyBeAccessedByLayers("top")
                .check(main);
    }

    /** The line searches see a 1-d function only: no tensors, no optimizer; of optim they use the range checks. */
    @Test
    void lineSearchesUseOnlyTheRangeChecks() {
        classes().that().resideInAPackage("dev.slope.optim.linesearch..")
                .should().onlyDependOnClassesThat(resideInAPackage("dev.slope.optim.linesearch..")
                        .or(resideOutsideOfPackage("dev.slope..")).or(belongToAnyOf(Require.class)))
                .check(main);
    }

    @Test
    void examplesPackagesDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("top").definedBy("dev.slope.examples")
                .layer("bench").definedBy("dev.slope.examples.bench..")
                .layer("lectures").definedBy("dev.slope.examples.lectures..")
                .layer("train").definedBy("dev.slope.examples.train..")
                .layer("data").definedBy("dev.slope.examples.data..")
                .layer("plot").definedBy("dev.slope.examples.plot..")
                .whereLayer("top").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("top")
                .whereLayer("lectures").mayOnlyBeAccessedByLayers("top")
                .whereLayer("train").mayOnlyBeAccessedByLayers("top", "bench", "lectures")
                .whereLayer("data").mayOnlyBeAccessedByLayers("top", "bench", "lectures", "train")
                .whereLayer("plot").mayOnlyBeAccessedByLayers("top", "bench", "lectures", "train")
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

    /** The ops are autograd's inside: other modules call them through Tensor, as users do. */
    @Test
    void onlyAutogradUsesTheOps() {
        noClasses().that().resideOutsideOfPackage(AUTOGRAD)
                .should().dependOnClassesThat().resideInAPackage("dev.slope.autograd.ops..")
                .check(main);
    }
}
