/**
 * QuickTheories generators of shapes, tensors and op calls, published in the test-jar
 * ({@code slope-autograd:tests}) so that other modules and users can property-test their own
 * functions and layers with gradcheck. {@link dev.slope.autograd.gen.Examples} sets how many
 * examples each property tries.
 */
package dev.slope.autograd.gen;
