package dev.slope.examples.lectures;

import java.util.List;
import java.util.Optional;

/** Every demonstration, in the order of the lectures. */
public final class Lectures {
    private Lectures() {}

    public static List<Lecture> all() {
        return List.of(
                new Backprop(),
                new NumericGradient(),
                new GradientCheckDemo(),
                new CustomOp(),
                new RandomSearchDemo(),
                new Conditioning(),
                new SaddleAndNoise(),
                new Momentum(),
                new Adaptive(),
                new Schedules(),
                new NewtonDemo(),
                new LbfgsBatch(),
                new SamDemo(),
                new LargeBatch()
        );
    }

    public static Optional<Lecture> named(String name) {
        return all().stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
