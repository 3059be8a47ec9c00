package dev.slope.examples.train;

import dev.slope.autograd.Tensor;
import dev.slope.optim.Adadelta;
import dev.slope.optim.Adagrad;
import dev.slope.optim.Adam;
import dev.slope.optim.AdamW;
import dev.slope.optim.Adamax;
import dev.slope.optim.NAdam;
import dev.slope.optim.Optimizer;
import dev.slope.optim.OptimizerBuilder;
import dev.slope.optim.RAdam;
import dev.slope.optim.RMSprop;
import dev.slope.optim.SGD;
import dev.slope.optim.schedule.CosineAnnealingLR;
import dev.slope.optim.schedule.ExponentialLR;
import dev.slope.optim.schedule.LRScheduler;
import dev.slope.optim.schedule.LinearWarmup;
import dev.slope.optim.schedule.OneCycleLR;
import dev.slope.optim.schedule.Schedule;
import dev.slope.optim.schedule.SequentialLR;
import dev.slope.optim.schedule.StepLR;
import java.util.List;
import java.util.Map;

/** Optimizers and schedules by the names `slope train` accepts. */
public final class Optimizers {
    private Optimizers() {}

    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw",
            "adadelta", "adamax", "nadam", "radam");
    public static final List<String> SCHEDULES = List.of("none", "step", "exponential", "cosine", "warmup-cosine", "onecycle");

    /**
     * The optimizer by name, its lr and extra hyperparameters (PyTorch names, e.g. beta1=0.95) applied.
     * SGD, Adam and AdamW step through their fused kernels (the same bits, one pass over the memory).
     */
    public static Optimizer build(String name, double lr, Map<String, Double> options, List<Tensor> params) {
        OptimizerBuilder<?, ?> b = switch (name) {
            case "sgd" -> SGD.builder().fused(true);
            case "momentum" -> SGD.builder().fused(true).momentum(0.9);
            case "nesterov" -> SGD.builder().fused(true).momentum(0.9).nesterov(true);
            case "adagrad" -> Adagrad.builder();
            case "rmsprop" -> RMSprop.builder();
            case "adam" -> Adam.builder().fused(true);
            case "adamw" -> AdamW.builder().fused(true);
            case "adadelta" -> Adadelta.builder();
            case "adamax" -> Adamax.builder();
            case "nadam" -> NAdam.builder();
            case "radam" -> RAdam.builder();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose one of " + NAMES);
        };
        b.lr(lr);
        options.forEach(b::option);
        return b.build(params);
    }

    /**
     * The schedule by name over {@code totalSteps} optimizer steps: step (x0.1 at 1/3 and 2/3),
     * exponential (x0.01 over the run), cosine (to 0), warmup-cosine (linear warm-up over 5% of the
     * steps, then cosine), onecycle (PyTorch's OneCycleLR peaking at lr). Null for none.
     */
    public static LRScheduler schedule(String name, Optimizer optimizer, double lr, long totalSteps) {
        long third = Math.max(1, totalSteps / 3);
        Schedule s = switch (name) {
            case "none" -> null;
            case "step" -> new StepLR(third, 0.1);
            case "exponential" -> new ExponentialLR(Math.pow(0.01, 1.0 / Math.max(1, totalSteps)));
            case "cosine" -> new CosineAnnealingLR(Math.max(1, totalSteps));
            case "warmup-cosine" -> {
                long warm = Math.max(1, totalSteps / 20);
                yield new SequentialLR(List.of(new LinearWarmup(warm), new CosineAnnealingLR(Math.max(1, totalSteps - warm))), List.of(warm));
            }
            case "onecycle" -> OneCycleLR.of(lr, Math.max(1, totalSteps));
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; choose one of " + SCHEDULES);
        };
        return s == null ? null : new LRScheduler(optimizer, s);
    }
}
