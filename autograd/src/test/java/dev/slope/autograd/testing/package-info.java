/**
 * Test helpers every module's tests share through autograd's test-jar: assertions on error messages
 * and on values within a tolerance ({@link dev.slope.autograd.testing.Asserts}), and reading a JSON
 * reference fixture from the classpath ({@link dev.slope.autograd.testing.Fixtures}). One place for
 * each, so a message check or a tolerance reads the same in autograd, optim, nn and examples.
 */
package dev.slope.autograd.testing;
