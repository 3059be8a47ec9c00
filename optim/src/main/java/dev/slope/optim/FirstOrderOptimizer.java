package dev.slope.optim;

import dev.slope.autograd.Tensor;
import dev.slope.optim.transform.GradientTransformation;
import dev.slope.optim.transform.ParamState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A first-order optimizer whose update of each parameter is its rule, a chain of pieces
 * ({@link dev.slope.optim.transform}) made from the group's typed hyperparameters: count the step,
 * run the chain from the gradient, add the result to the parameter. Adam and SGD may take a fused
 * kernel instead ({@link #fusedStep}).
 *
 * @param <O> the optimizer's record of hyperparameters
 */
public abstract class FirstOrderOptimizer<O extends Record> extends Optimizer {
    private final Class<O> type;
    private final Function<O, GradientTransformation> rule;

    /**
     * @param options the hyperparameters by name, checked by the record {@code type}
     * @param rule    the update rule of a group, e.g. {@code RMSprop::rule}
     */
    protected FirstOrderOptimizer(String name, List<Tensor> params, Map<String, Double> options, Class<O> type,
                                  Function<O, GradientTransformation> rule) {
        super(name, params, Hyperparameters.fromMap(name, type, options));
        this.type = type;
        this.rule = rule;
    }

    @Override protected final void update(ParamGroup group, Tensor x, Tensor grad, ParamState state) {
        O options = group.typed(type);
        state.advance();
        if (!fusedStep(options, x, grad, state)) GradientTransformation.step(rule.apply(options), x, grad, state);
    }

    /**
     * Takes this step (already counted in {@code state}) in one kernel pass where the optimizer has
     * one and it applies, returning true; false (the default) runs the rule's chain.
     */
    boolean fusedStep(O options, Tensor x, Tensor grad, ParamState state) { return false; }
}
