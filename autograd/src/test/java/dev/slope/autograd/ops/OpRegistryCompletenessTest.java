package dev.slope.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.gen.OpCases;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An op cannot be added without its properties: every public Tensor method that returns a tensor
 * is either registered (and so gradchecked) or declared here as outside autograd, and every
 * registered op has a generator for its signature.
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
            "gt", "ge", "lt", "le", "eq", "ne", "sign", "argmax", "argmin",
            // in place, under noGrad
            "addInPlace", "subInPlace", "mulInPlace", "divInPlace", "copyFrom", "fill", "zero");

    @Test
    void everyDifferentiableTensorMethodIsRegistered() {
        Set<String> registered = OpRegistry.all().stream().map(OpInfo::name).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.getReturnType() != Tensor.class) continue;
            if (!NOT_DIFFERENTIABLE.contains(m.getName()) && !registered.contains(m.getName())) missing.add(m.getName());
        }
        assertEquals(Set.of(), missing, "differentiable Tensor methods without a registry entry (and so without gradcheck)");
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
