package dev.slope.nn;

import dev.slope.autograd.Tensor;
import java.util.List;

/** Modules applied one after the other; their parameters are named "0.weight", "1.bias"... as in PyTorch. */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        if (layers.length == 0) throw new IllegalArgumentException("Sequential: needs at least one module");
        for (int i = 0; i < layers.length; i++) registerModule(Integer.toString(i), layers[i]);
        this.layers = List.of(layers);
    }

    public List<Module> layers() { return layers; }

    @Override public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }
}
