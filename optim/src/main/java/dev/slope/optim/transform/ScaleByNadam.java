package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;
import java.util.List;

/**
 * NAdam's scaling (Dozat, 2016) at step t as torch.optim.NAdam, with m and v in {@code exp_avg}
 * and {@code exp_avg_sq} and the product P of momentum coefficients in the scalar
 * {@code mu_product}; mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay)):
 * <pre>
 *   P_t = P_{t-1} * mu_t                        (P_0 = 1)
 *   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
 *   denom = sqrt(v / (1 - beta2^t)) + eps
 *   u = (1 - mu_t) / (1 - P_t) * g / denom  +  mu_{t+1} / (1 - P_t mu_{t+1}) * m / denom
 * </pre>
 * Two terms, added to the parameter one after the other as PyTorch does.
 */
public record ScaleByNadam(double beta1, double beta2, double eps, double momentumDecay) implements GradientTransformation {

    /** mu_t, the momentum coefficient of step t. */
    public static double mu(double beta1, double momentumDecay, long t) {
        return beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    @Override public Update apply(Update u, Tensor x, ParamState state) {
        Tensor g = u.tensor();
        Tensor m = state.buffer("exp_avg", () -> Tensor.zerosLike(x)), v = state.buffer("exp_avg_sq", () -> Tensor.zerosLike(x));
        long t = state.step();
        double mu = mu(beta1, momentumDecay, t), muNext = mu(beta1, momentumDecay, t + 1);
        double product = state.scalar("mu_product", 1) * mu, productNext = product * muNext;
        state.putScalar("mu_product", product);
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
        Tensor denom = v.div(1 - Math.pow(beta2, t)).sqrt().add(eps);
        return new Update(List.of(new Update.Term(g.div(denom), s -> s * (1 - mu) / (1 - product)),
                new Update.Term(m.div(denom), s -> s * muNext / (1 - productNext))));
    }
}
