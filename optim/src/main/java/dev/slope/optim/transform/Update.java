package dev.slope.optim.transform;

import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A parameter's update while a chain of {@link GradientTransformation}s builds it: a sum of terms
 * coefficient * direction, added to the parameter term by term in order ({@link #addTo}). A term's
 * coefficient is a function of the scale still to come ({@code s -> s / bc1} for Adam's bias
 * correction) so that {@link ScaleByLearningRate} can fold -lr in with the rounding of the lecture's
 * formula (-lr / bc1, not -lr * (1 / bc1)), which keeps every rule bit for bit what it was. Most
 * rules have one term; NAdam has two.
 *
 * @param terms in the order they are added to the parameter
 */
public record Update(List<Term> terms) {

    /** coefficient(s) * direction, where s is the scale later pieces multiply in (1 if none). */
    public record Term(Tensor direction, DoubleUnaryOperator coefficient) {}

    public Update {
        if (terms.isEmpty()) throw new IllegalArgumentException("Update: needs at least one term");
        terms = List.copyOf(terms);
    }

    /** The update {@code direction} itself (the gradient, at the start of a chain). */
    public static Update of(Tensor direction) { return of(direction, s -> s); }

    /** One term: coefficient(s) * direction. */
    public static Update of(Tensor direction, DoubleUnaryOperator coefficient) { return new Update(List.of(new Term(direction, coefficient))); }

    /**
     * The direction of an update that is still one unscaled tensor (the gradient before any
     * scaling piece): what the pieces that act on the gradient (maximize, weight decay, clipping,
     * the scale-by pieces) read. Throws on an update that a rule has already split or scaled.
     */
    public Tensor tensor() {
        if (terms.size() != 1) throw new IllegalStateException("Update: expected one term, got " + terms.size() + "; put this piece earlier in the chain");
        return terms.getFirst().direction();
    }

    /** Every coefficient multiplied by {@code s}, as each term's coefficient function rounds it. */
    public Update scaledBy(double s) {
        List<Term> out = new ArrayList<>();
        for (Term t : terms) {
            double c = t.coefficient().applyAsDouble(s);
            out.add(new Term(t.direction(), ignored -> c));
        }
        return new Update(out);
    }

    /** x = x + coefficient(1) * direction for each term in order (in place, one axpy per term). */
    public void addTo(Tensor x) {
        for (Term t : terms) x.addInPlace(t.direction(), t.coefficient().applyAsDouble(1));
    }
}
