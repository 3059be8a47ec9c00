/**
 * Gradient checking as a library: {@link dev.slope.autograd.check.GradCheck#gradcheck} and
 * {@link dev.slope.autograd.check.GradCheck#gradgradcheck} compare backward with central finite
 * differences, as torch.autograd.gradcheck does, and report the worst element.
 */
package dev.slope.autograd.check;
