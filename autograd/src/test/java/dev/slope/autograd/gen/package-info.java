/**
 * The property kit, published in the test-jar ({@code slope-autograd:tests}) so that other modules
 * and users can property-test their own functions and layers: {@link dev.slope.autograd.gen.GradProperties}
 * runs gradcheck and gradgradcheck over inputs described by {@link dev.slope.autograd.gen.Input}s,
 * on QuickTheories generators of shapes, values and views ({@link dev.slope.autograd.gen.TensorGen},
 * {@link dev.slope.autograd.gen.View}); {@link dev.slope.autograd.gen.OpCases} generates calls of the
 * registry's ops for the same runner. {@link dev.slope.autograd.gen.Examples} sets how many examples
 * each property tries.
 */
package dev.slope.autograd.gen;
