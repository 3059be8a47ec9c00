package dev.slope.autograd.gen;

import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.check.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Gradient properties of a function over generated inputs: gradcheck (first derivatives, and a
 * model's own parameters in place) and gradgradcheck (second derivatives through backward), in F64,
 * on generated shapes, values (with the domain's edges) and non-contiguous views. A failure is
 * shrunk to the smallest failing case and reported with its seed; {@code -Dslope.seed=N} replays it,
 * {@code -Dslope.examples.scale=K} tries K times as many cases.
 *
 * <p>A user describes the inputs and the function:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> softclipGradients() {
 *     return GradProperties.builder("softclip")
 *             .sizes(2, 1, 4)                                       // s[0], s[1] in 1..4
 *             .input(Input.of(Domain.REAL, s -> new int[] {s[0], s[1]}))
 *             .function(in -> Softclip.apply(in.get(0)))
 *             .tests();                                             // "gradcheck softclip", "gradgradcheck softclip"
 * }
 * }</pre>
 * slope's own op registry and nn layers run through the same runner ({@link #of} takes any
 * generator of {@link GradCase}s).
 *
 * @param name                 what the tests are called
 * @param cases                the generated cases
 * @param examples             cases gradcheck tries (before -Dslope.examples.scale)
 * @param secondOrderExamples  cases gradgradcheck tries
 * @param options              gradcheck's tolerances and step
 */
public record GradProperties(String name, Gen<? extends GradCase> cases, int examples, int secondOrderExamples,
                             GradCheck.Options options) {

    /** Defaults: 100 cases for gradcheck, 50 for gradgradcheck, PyTorch's tolerances. */
    public static GradProperties of(String name, Gen<? extends GradCase> cases) {
        return new GradProperties(name, cases, 100, 50, GradCheck.Options.defaults());
    }

    /** Starts the description of a function's inputs. */
    public static Builder builder(String name) { return new Builder(name); }

    /** The same properties trying other numbers of cases. */
    public GradProperties examples(int gradcheck, int gradgradcheck) {
        if (gradcheck < 1 || gradgradcheck < 0) {
            throw new IllegalArgumentException("GradProperties '" + name + "': examples must be >= 1 and >= 0, got "
                    + gradcheck + ", " + gradgradcheck);
        }
        return new GradProperties(name, cases, gradcheck, gradgradcheck, options);
    }

    /** The same properties with other gradcheck options (a larger eps for a function that rounds to F32). */
    public GradProperties options(GradCheck.Options o) { return new GradProperties(name, cases, examples, secondOrderExamples, o); }

    /** gradcheck on every case, and gradcheckInPlace of the parameters a case holds. */
    public void checkGradients() {
        replayable(() -> Examples.qtWith(examples).forAll(cases).checkAssert(c -> {
            List<Tensor> leaves = c.leaves();
            GradCase.Held held = c.held();
            boolean holds = held != null && !held.parameters().isEmpty();
            boolean inputs = leaves.stream().anyMatch(Tensor::requiresGrad);
            if (!inputs && !holds) {
                throw new IllegalStateException("GradProperties '" + name + "': no input is differentiated and no parameter is held;"
                        + " nothing to check");
            }
            if (inputs) GradCheck.gradcheck(c.fn(), leaves, options);
            if (holds) {
                List<Tensor> in = leaves.stream().map(Tensor::detach).toList();
                GradCheck.gradcheckInPlace(() -> held.forward().apply(in), held.parameters(), options);
            }
        }));
    }

    /** gradgradcheck on every case. */
    public void checkSecondDerivatives() {
        replayable(() -> Examples.qtWith(secondOrderExamples).forAll(cases)
                .checkAssert(c -> GradCheck.gradgradcheck(c.fn(), c.leaves(), options)));
    }

    /** Both properties, for a plain {@code @Test}. */
    public void check() {
        checkGradients();
        checkSecondDerivatives();
    }

    /**
     * The two properties as JUnit dynamic tests, for a {@code @TestFactory}; gradgradcheck is left
     * out when {@code secondOrderExamples} is 0 (a function of held parameters only).
     */
    public Stream<DynamicTest> tests() {
        DynamicTest first = DynamicTest.dynamicTest("gradcheck " + name, this::checkGradients);
        return secondOrderExamples <= 0 ? Stream.of(first)
                : Stream.of(first, DynamicTest.dynamicTest("gradgradcheck " + name, this::checkSecondDerivatives));
    }

    private static final Pattern SEED = Pattern.compile("Seed was (-?\\d+)");

    /** Runs a property; a failure gets a line saying how to replay it. */
    private void replayable(Runnable property) {
        try {
            property.run();
        } catch (AssertionError e) {
            Matcher m = SEED.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) throw e;
            AssertionError withSeed = new AssertionError(name + ": " + e.getMessage()
                    + "\nReplay with -Dslope.seed=" + m.group(1) + " (Maven: -Dslope.seed=" + m.group(1) + " -Dtest=...)", e.getCause());
            withSeed.setStackTrace(e.getStackTrace());
            throw withSeed;
        }
    }

    /**
     * A description of a function's inputs, made into {@link GradProperties} by {@link #function}.
     * Sizes are generated integers that shapes (and the function) may use, so several inputs can
     * share a dimension.
     */
    public static final class Builder {
        private final String name;
        private Gen<int[]> sizes = Generate.constant(new int[0]);
        private final List<Input> inputs = new ArrayList<>();
        private Function<int[], GradCase.Held> held;

        private Builder(String name) { this.name = name; }

        /** count sizes, each in min..max, shrinking towards min. */
        public Builder sizes(int count, int min, int max) { return sizes(count, count, min, max); }

        /** Between minCount and maxCount sizes (a generated rank), each in min..max. */
        public Builder sizes(int minCount, int maxCount, int min, int max) {
            if (minCount < 0 || minCount > maxCount || min < 0 || min > max) {
                throw new IllegalArgumentException("GradProperties.sizes: need 0 <= minCount <= maxCount and 0 <= min <= max, got counts "
                        + minCount + ".." + maxCount + ", sizes " + min + ".." + max);
            }
            sizes = Generate.intArrays(Generate.range(minCount, maxCount, minCount), Generate.range(min, max, min));
            return this;
        }

        /** The next tensor input of the function. */
        public Builder input(Input in) {
            inputs.add(in);
            return this;
        }

        /** Parameters the function holds itself (a layer's), checked in place with gradcheck. */
        public Builder holding(Function<int[], GradCase.Held> parameters) {
            held = parameters;
            return this;
        }

        /** The function under test. */
        public GradProperties function(Function<List<Tensor>, Tensor> fn) { return functionOfSizes(s -> fn); }

        /** The function under test, built from the generated sizes (a layer of those sizes). */
        public GradProperties functionOfSizes(Function<int[], Function<List<Tensor>, Tensor>> fn) {
            if (inputs.isEmpty()) throw new IllegalStateException("GradProperties '" + name + "': describe at least one input");
            Input[] in = inputs.toArray(Input[]::new);
            Function<int[], GradCase.Held> heldOf = held;
            Gen<GeneratedCase> gen = sizes.flatMap(s -> {
                int[][] shapes = GeneratedCase.shapes(name, in, s);
                int total = 0;
                for (int[] shape : shapes) total += 2 * Math.max(1, Layout.numel(shape));
                Gen<int[]> views = Generate.intArrays(Generate.constant(in.length), Generate.range(0, View.values().length - 1, 0));
                return views.zip(TensorGen.rawWithEdges(total), (v, u) -> new GeneratedCase(s, in, shapes, v, u, fn, heldOf));
            }).describedAs(GeneratedCase::toString);
            return of(name, gen);
        }
    }
}
