package dev.slope.optim.schedule;

import dev.slope.autograd.Tensor;
import dev.slope.optim.Optimizer;
import dev.slope.optim.ParamGroup;
import dev.slope.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small training set-up for the scheduler tests: SGD over two param groups with different base lrs. */
final class Training {
    private Training() {}

    static final double LR0 = 0.1, LR1 = 0.03;

    /** SGD(momentum 0.9) with group 0 = {a} at lr 0.1 and group 1 = {b} at lr 0.03. */
    static SGD twoGroupSGD(double[] a, double[] b) {
        SGD opt = SGD.builder().lr(LR0).momentum(0.9).build(List.of(Tensor.of(a.clone(), a.length).requiresGrad(true)));
        opt.addParamGroup(List.of(Tensor.of(b.clone(), b.length).requiresGrad(true)), Map.of("lr", LR1));
        return opt;
    }

    static SGD twoGroupSGD() { return twoGroupSGD(new double[] {1.0, -2.0}, new double[] {0.5}); }

    /** One optimizer step on loss = sum over params of sum(p^2 + p^4 / 4). */
    static void trainStep(Optimizer opt) {
        opt.zeroGrad();
        Tensor loss = null;
        for (ParamGroup g : opt.paramGroups()) {
            for (Tensor p : g.params()) {
                Tensor term = p.pow(2).add(p.pow(4).mul(0.25)).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        loss.backward();
        opt.step();
    }

    /** What a step leaves behind: every group's lr and momentum, then every parameter's values. */
    static List<Double> snapshot(Optimizer opt) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) {
            out.add(g.lr());
            out.add(g.get("momentum"));
        }
        for (ParamGroup g : opt.paramGroups()) for (Tensor p : g.params()) for (double v : p.toDoubleArray()) out.add(v);
        return out;
    }

    /** The parameters' current values, group by group, to build a fresh optimizer from. */
    static double[] values(Optimizer opt, int group) {
        return opt.paramGroups().get(group).params().getFirst().toDoubleArray();
    }
}
