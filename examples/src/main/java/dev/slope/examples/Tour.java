package dev.slope.examples;

import dev.slope.autograd.Autograd;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Functional;
import dev.slope.autograd.Graph;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.check.GradCheck;
import java.util.List;
import java.util.SplittableRandom;

/** The README's short tour, as a program that runs (and is run by a test, so it stays true). */
public final class Tour {
    private Tour() {}

    public static void main(String[] args) {
        var rng = new SplittableRandom(0);
        Tensor w = Tensor.randn(DType.F64, rng, 3, 4).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        Tensor loss = w.matmul(x).tanh().pow(2).mean();
        loss.backward();
        System.out.println("d loss / d w = " + w.grad());

        // gradients returned instead of accumulated; createGraph makes them differentiable
        Tensor loss2 = w.matmul(x).sin().sum();
        Tensor g = Autograd.grad(List.of(loss2), List.of(w), null, false, true).getFirst();
        System.out.println("gradient that has a graph: " + g.gradFn().name());

        // Hessian-vector product by double backward: the Hessian is never formed
        Tensor z = Tensor.of(1.0, 2.0, 3.0), v = Tensor.of(1.0, 0.0, 0.0);
        System.out.println("H v of sum(z^3) = " + Functional.hvp(t -> t.pow(3).sum(), z, v)); // [6, 0, 0]

        // gradcheck, as torch.autograd.gradcheck: throws with the worst element if backward is wrong
        Tensor a = Tensor.randn(DType.F64, rng, 2, 3).requiresGrad(true), b = Tensor.randn(DType.F64, rng, 3).requiresGrad(true);
        boolean ok = GradCheck.gradcheck(in -> in.get(0).sin().mul(in.get(1)).sum(), List.of(a, b), GradCheck.Options.defaults());
        System.out.println("gradcheck: " + ok);

        try (var off = Autograd.noGrad()) {
            w.subInPlace(w.grad().mul(0.1)); // one gradient-descent step
        }
        System.out.print(Graph.toDot(w.matmul(x).tanh().pow(2).mean())); // the graph, for Graphviz
    }
}
