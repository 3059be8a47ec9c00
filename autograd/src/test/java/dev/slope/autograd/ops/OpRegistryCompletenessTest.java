package dev.slope.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.OpCases;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An op cannot be added without its properties: every public Tensor overload that returns a tensor
 * (method name and parameter types) is either called by the registry (and so gradchecked) or
 * declared here as outside autograd or as a plain forward to a registered overload, and every
 * registered op has a generator for its signature. The registry's calls are read from its bytecode
 * (lambdas and method references included), so a new overload fails here until an entry calls it.
 */
class OpRegistryCompletenessTest {

    /** Tensor methods that return tensors but are not differentiable ops (creation, read-out, masks, in-place). */
    static final Set<String> NOT_DIFFERENTIABLE = Set.of(
            // creation
            "of", "scalar", "zeros", "ones", "full", "zerosLike", "onesLike", "fullLike", "arange", "eye", "rand", "randn",
            "fromBuffer", "scalarLike",
            // autograd bookkeeping
            "requiresGrad", "grad", "detach", "retainGrad", "withLayout", "setData",
            // outside autograd by definition: comparisons, sign, arg-reductions
            "gt", "ge", "lt", "le", "eq", "ne", "sign", "argmax", "argmin", "oneHot",
            "all", "any", "argsort",
            // in place, under noGrad
            "addInPlace", "subInPlace", "mulInPlace", "divInPlace", "copyFrom", "fill", "zero");

    /** Overloads of differentiable names that are outside autograd: the out= forms. */
    static final Set<String> OUTSIDE_AUTOGRAD = Set.of(
            "add(Tensor, Tensor)", "sub(Tensor, Tensor)", "mul(Tensor, Tensor)", "div(Tensor, Tensor)", "exp(Tensor)");

    /** Overloads whose body is one call of a registered overload with default arguments. */
    static final Set<String> FORWARDS = Set.of(
            // keepDim = false
            "sum(int[])", "mean(int[])", "max(int[])", "min(int[])", "logSumExp(int[])", "norm(double, int[])",
            // correction 1, keepDim = false; p = 2 over all axes; step 1; Device.parse(name)
            "var(int[])", "norm()", "slice(int, int, int)", "to(String)",
            // issue 16: correction 1, keepDim = false; beta = alpha = 1; the list form
            "std(int[])", "prod(int)", "addmm(Tensor, Tensor)", "baddbmm(Tensor, Tensor)", "einsum(String, List)",
            // diagonal 0 (issue 16)
            "tril()", "triu()",
            // alpha 1; min -1, max 1 (issue 16)
            "elu()", "hardtanh()");

    @Test
    void everyDifferentiableTensorOverloadIsRegistered() {
        Set<String> called = registryCalls();
        Set<String> missing = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() != Tensor.class) continue;
            String sig = signature(m.getName(), Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList());
            if (NOT_DIFFERENTIABLE.contains(m.getName()) || OUTSIDE_AUTOGRAD.contains(sig) || FORWARDS.contains(sig)) continue;
            if (!called.contains(sig)) missing.add(sig);
        }
        assertEquals(Set.of(), missing, "differentiable Tensor overloads that no registry entry calls (and so without gradcheck)");
    }

    /** The declared exceptions name real overloads (a renamed method does not leave a stale entry behind). */
    @Test
    void everyDeclaredOverloadExists() {
        Set<String> declared = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            declared.add(signature(m.getName(), Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).toList()));
        }
        Set<String> stale = new TreeSet<>(OUTSIDE_AUTOGRAD);
        stale.addAll(FORWARDS);
        stale.removeAll(declared);
        assertEquals(Set.of(), stale, "declared overloads that Tensor does not have");
    }

    /** Signatures of the Tensor methods OpRegistry calls or references, e.g. {@code "sum(int[], boolean)"}. */
    private static Set<String> registryCalls() {
        JavaClass registry = new ClassFileImporter().importClasses(OpRegistry.class).get(OpRegistry.class);
        Set<String> called = new TreeSet<>();
        Stream.concat(registry.getMethodCallsFromSelf().stream().map(c -> c.getTarget()),
                        registry.getMethodReferencesFromSelf().stream().map(r -> r.getTarget()))
                .filter(t -> t.getOwner().isEquivalentTo(Tensor.class))
                .forEach(t -> called.add(signature(t.getName(), t.getRawParameterTypes().stream().map(JavaClass::getSimpleName).toList())));
        return called;
    }

    private static String signature(String name, List<String> parameterTypes) {
        return name + "(" + String.join(", ", parameterTypes) + ")";
    }

    @Test
    void everyRegisteredNameExists() {
        Set<String> methods = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) methods.add(m.getName());
        for (Method m : Convolution.class.getDeclaredMethods()) methods.add(m.getName());
        for (OpInfo op : OpRegistry.all()) {
            assertTrue(methods.contains(op.name()), "registered op " + op + " names no Tensor or Convolution method");
        }
    }

    /** The generator switch is exhaustive over signatures (the compiler checks); this checks arities. */
    @Test
    void everyRegisteredOpHasAGeneratorOfItsArity() {
        for (OpInfo op : OpRegistry.all()) {
            dev.slope.autograd.gen.Examples.qtWith(5).forAll(OpCases.shapes(op))
                    .checkAssert(shapes -> assertEquals(op.arity(), shapes.length, "generator for " + op));
        }
    }
}
