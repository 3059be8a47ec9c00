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
 * Inside, vectors are plain {@code double[]} and the loops read like the equations
 * (package-private {@code Vec}, {@code Cholesky}, {@code ConjugateGradient}, {@code Forcing});
 * tensors appear only at the edge, where an objective turns x into parameters and back
 * ({@code FunctionObjective}, {@link dev.slope.optim.secondorder.ParameterObjective}).
 * Hessian-vector products are double backward through the gradient's graph: the Hessian is never
 * formed, except by Newton, which asks for it.
 *
 * <p>Uses autograd, {@code dev.slope.optim} (the Optimizer frame) and
 * {@code dev.slope.optim.linesearch}; knows nothing of nn.
 */
package dev.slope.optim.secondorder;
