package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Everything an optimizer needs to continue where it stopped: each group's hyperparameters and
 * parameter indices, each parameter's step count and buffers (copies), and the state of the
 * schedulers attached to it. Loading it into a fresh optimizer over the same parameters continues
 * bit for bit. Parameters are referred to by their position across all groups, as in PyTorch.
 *
 * @param optimizer the name of the optimizer that saved it ({@code "Adam"}); loading into another
 *                  kind is refused. Null (dicts made by hand) skips that check.
 * @param groups per group: parameter indices and hyperparameters
 * @param state  per parameter index that has state
 * @param extras state of attached objects (schedulers) by name
 */
public record StateDict(String optimizer, List<Group> groups, Map<Integer, Param> state, Map<String, Map<String, Double>> extras) {

    /** A state dict that does not name its optimizer. */
    public StateDict(List<Group> groups, Map<Integer, Param> state, Map<String, Map<String, Double>> extras) {
        this(null, groups, state, extras);
    }

    /** One param group: positions of its parameters and its hyperparameters. */
    public record Group(List<Integer> params, Map<String, Double> options) {}

    /** One parameter's state: steps taken, scalars and buffers. */
    public record Param(long step, Map<String, Double> scalars, Map<String, Tensor> buffers) {}
}
