package dev.slope.autograd.gen;

import dev.slope.autograd.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * One generated input of a gradient property: the leaves gradcheck perturbs and the function of
 * them. {@link GradProperties} runs gradcheck and gradgradcheck on each case; a case also names the
 * tensors a model holds itself ({@link #held()}), which are checked in place.
 *
 * <p>Cases come from {@link GradProperties#builder} (a description of the inputs) or, for slope's
 * own op registry, from {@link OpCases}: both go through the same runner.
 */
public interface GradCase {

    /** Fresh leaves: F64 tensors that require grad for the inputs checked, others (indices) as they are. */
    List<Tensor> leaves();

    /** The function under test, applied to a list shaped like {@link #leaves()}. */
    Function<List<Tensor>, Tensor> fn();

    /** Tensors the function holds itself (a layer's parameters), checked in place; null when none. */
    default Held held() { return null; }

    /**
     * Parameters held by a model and the forward that reads them, as gradcheckInPlace takes them.
     *
     * @param parameters F64 leaves that require grad
     * @param forward    the model applied to (detached copies of) the case's leaves
     */
    record Held(List<Tensor> parameters, Function<List<Tensor>, Tensor> forward) {}
}
