package dev.slope.nn;

import dev.slope.autograd.backend.DType;
import dev.slope.autograd.Tensor;
import java.util.random.RandomGenerator;

/**
 * y = x W^T + b, as torch.nn.Linear: weight [out, in], bias [out], x [..., in] -> [..., out].
 * Initialized as PyTorch: W and b uniform in +-1/sqrt(in) (Kaiming uniform with a = sqrt 5).
 */
public final class Linear extends Module {
    private final Tensor weight, bias;
    private final int in, out;

    public Linear(int in, int out, boolean bias, DType dtype, RandomGenerator rng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear: sizes must be >= 1, got in " + in + ", out " + out);
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        weight = registerParameter("weight", Init.uniform(Tensor.zeros(dtype, out, in), -bound, bound, rng));
        this.bias = bias ? registerParameter("bias", Init.uniform(Tensor.zeros(dtype, out), -bound, bound, rng)) : null;
    }

    public Linear(int in, int out, RandomGenerator rng) { this(in, out, true, DType.F32, rng); }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input of shape " + java.util.Arrays.toString(x.shape())
                    + " does not end in " + in);
        }
        if (x.dtype() != weight.dtype()) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input is " + x.dtype() + " but the weights are "
                    + weight.dtype() + "; convert one with .to(DType)");
        }
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    @Override protected String extraRepr() { return "in=" + in + ", out=" + out + ", bias=" + (bias != null); }
}
