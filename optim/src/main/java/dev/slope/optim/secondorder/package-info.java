/**
 * Second-order methods (issue 6; the lecture's Newton, BFGS and L-BFGS, and Hessian-free Newton),
 * each usable two ways:
 *
 * <ul>
 *   <li>as a minimizer of an {@link dev.slope.optim.secondorder.Objective} over flat vectors,
 *       returning an {@link dev.slope.optim.secondorder.OptimizeResult} (point, value, gradient,
 *       iterations, function and gradient evaluations, Hessian-vector products, stop reason), as
 *       scipy.optimize.minimize: {@code LBFGS.builder().maxIter(500).minimize(f, x0)};</li>
 *   <li>as an {@link dev.slope.optim.Optimizer} over any list of parameter tensors (seen as one flat
 *       vector), with {@code step(closure)} as torch.optim.LBFGS: {@code LBFGS.builder().build(params)}.</li>
 * </ul>
 *
 * <table>
 *   <caption>The methods</caption>
 *   <tr><th>class</th><th>idea</th><th>curvature</th><th>memory</th></tr>
 *   <tr><td>{@link dev.slope.optim.secondorder.Newton}</td><td>Cholesky solve, Levenberg-Marquardt damping</td><td>full Hessian (n products)</td><td>n^2</td></tr>
 *   <tr><td>{@link dev.slope.optim.secondorder.BFGS}</td><td>rank-two inverse-Hessian update, strong Wolfe</td><td>from gradients</td><td>n^2</td></tr>
 *   <tr><td>{@link dev.slope.optim.secondorder.LBFGS}</td><td>two-loop recursion over m pairs, PyTorch's names</td><td>from gradients</td><td>2 m n</td></tr>
 *   <tr><td>{@link dev.slope.optim.secondorder.NewtonCG}</td><td>truncated CG, Eisenstat-Walker, line search</td><td>Hessian-vector products</td><td>a few n</td></tr>
 *   <tr><td>{@link dev.slope.optim.secondorder.TrustNCG}</td><td>Steihaug CG in a trust region</td><td>Hessian-vector products</td><td>a few n</td></tr>
 * </table>
 *
 * One skeleton: each method's loop is a named method of its class ({@code LBFGS.iterate} with
 * {@code LBFGS.twoLoop}, {@code BFGS.iterate}, {@code Newton.iterate}, {@code NewtonCG.iterate},
 * {@code TrustNCG.iterate}); what it keeps between steps is its {@code MethodState} (L-BFGS's
 * {@code History}, BFGS's {@code InverseHessian}, Newton's {@code Damping}, Newton-CG's
 * {@code ForcingHistory}, the trust-region {@code Region}); the point, f, grad f, the counts
 * ({@code Tally}) and the iteration are one {@code Iterate}, and one stop rule ({@code Stop})
 * ends every loop. Inside, vectors are plain {@code double[]} and the loops read like the
 * equations (package-private {@code Vec}, {@code Cholesky}, {@code ConjugateGradient},
 * {@code Forcing}, {@code FirstStep}); tensors appear only at the edge, where an objective turns x
 * into parameters and back ({@code Flattening}, {@code FunctionObjective},
 * {@link dev.slope.optim.secondorder.ParameterObjective}), and Hessian-vector products are built
 * from the gradient's graph ({@code HessianVectorProducts}).
 * Hessian-vector products are double backward through the gradient's graph: the Hessian is never
 * formed, except by Newton, which asks for it.
 *
 * <p>Uses autograd, {@code dev.slope.optim} (the Optimizer frame) and
 * {@code dev.slope.optim.linesearch}; knows nothing of nn.
 */
package dev.slope.optim.secondorder;
