package dev.slope.optim;

import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer configurations the property, state-dict and error tests run over: every method,
 * with the variants that keep extra state (momentum, dampening, Nesterov, centered, AMSGrad, no bias
 * correction), all with weight decay 0 unless a test adds it.
 */
final class OptimizerCases {
    private OptimizerCases() {}

    /** One configuration: the optimizer's name and its hyperparameters by PyTorch name. */
    record Config(String label, String method, Map<String, Double> options) {
        Optimizer build(List<Tensor> params) {
            OptimizerBuilder<?, ?> b = builder(method);
            options.forEach(b::option);
            return b.build(params);
        }

        /** The same configuration with one hyperparameter changed. */
        Config with(String key, double value) {
            Map<String, Double> o = new LinkedHashMap<>(options);
            o.put(key, value);
            return new Config(label + " " + key + "=" + value, method, o);
        }

        @Override public String toString() { return label; }
    }

    /** The methods, by the names OptimizerReferenceTest uses. */
    static final List<String> METHODS =
            List.of("SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "Adadelta", "Adamax", "NAdam", "RAdam");

    /** Methods with betas (beta1, beta2). */
    static final List<String> WITH_BETAS = List.of("Adam", "AdamW", "Adamax", "NAdam", "RAdam");

    /** Methods with an eps. */
    static final List<String> WITH_EPS = List.of("Adagrad", "RMSprop", "Adam", "AdamW", "Adadelta", "Adamax", "NAdam", "RAdam");

    static OptimizerBuilder<?, ?> builder(String method) {
        return switch (method) {
            case "SGD" -> SGD.builder();
            case "Adagrad" -> Adagrad.builder();
            case "RMSprop" -> RMSprop.builder();
            case "Adam" -> Adam.builder();
            case "AdamW" -> AdamW.builder();
            case "Adadelta" -> Adadelta.builder();
            case "Adamax" -> Adamax.builder();
            case "NAdam" -> NAdam.builder();
            case "RAdam" -> RAdam.builder();
            default -> throw new IllegalArgumentException("no optimizer " + method);
        };
    }

    private static Config c(String label, String method, Object... kv) {
        Map<String, Double> o = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) o.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return new Config(label, method, o);
    }

    /** Every method and its stateful variants, weight decay 0 (AdamW's default 1e-2 turned off). */
    static List<Config> all() {
        List<Config> cs = new ArrayList<>();
        cs.add(c("SGD", "SGD", "lr", 0.1));
        cs.add(c("SGD momentum", "SGD", "lr", 0.1, "momentum", 0.9));
        cs.add(c("SGD momentum dampening", "SGD", "lr", 0.1, "momentum", 0.9, "dampening", 0.3));
        cs.add(c("SGD nesterov", "SGD", "lr", 0.1, "momentum", 0.9, "nesterov", 1));
        cs.add(c("Adagrad", "Adagrad", "lr", 0.1, "lr_decay", 0.01, "initial_accumulator_value", 0.1));
        cs.add(c("RMSprop", "RMSprop", "lr", 0.01));
        cs.add(c("RMSprop centered momentum", "RMSprop", "lr", 0.01, "centered", 1, "momentum", 0.5));
        cs.add(c("Adam", "Adam", "lr", 0.01));
        cs.add(c("Adam amsgrad", "Adam", "lr", 0.01, "amsgrad", 1));
        cs.add(c("Adam without bias correction", "Adam", "lr", 0.01, "bias_correction", 0));
        cs.add(c("AdamW", "AdamW", "lr", 0.01, "weight_decay", 0));
        cs.add(c("Adadelta", "Adadelta", "lr", 1.0));
        cs.add(c("Adamax", "Adamax", "lr", 0.01));
        cs.add(c("NAdam", "NAdam", "lr", 0.01));
        cs.add(c("RAdam", "RAdam", "lr", 0.01));
        return cs;
    }

    /** A leaf that requires grad. */
    static Tensor param(double... values) { return Tensor.of(values).requiresGrad(true); }

    /** Fresh leaves with the same values, shapes and dtypes. */
    static List<Tensor> copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) out.add(p.detach().copy().requiresGrad(true));
        return out;
    }
}
