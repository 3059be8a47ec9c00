package dev.slope.autograd;

import dev.slope.autograd.backend.Backend;
import dev.slope.autograd.backend.BinaryOp;
import dev.slope.autograd.backend.Buffer;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Layout;
import dev.slope.autograd.backend.UnaryOp;
import dev.slope.autograd.ops.AdvancedIndexing;
import dev.slope.autograd.ops.Activations;
import dev.slope.autograd.ops.Arithmetic;
import dev.slope.autograd.ops.AdaptivePooling;
import dev.slope.autograd.ops.Convolution;
import dev.slope.autograd.ops.Einsum;
import dev.slope.autograd.ops.Pooling;
import dev.slope.autograd.ops.Resizing;
import dev.slope.autograd.ops.Elementwise;
import dev.slope.autograd.ops.Indexing;
import dev.slope.autograd.ops.Kernels;
import dev.slope.autograd.ops.LinearAlgebra;
import dev.slope.autograd.ops.Rearranging;
import dev.slope.autograd.ops.Reductions;
import dev.slope.autograd.ops.Scans;
import dev.slope.autograd.ops.Softmax;
import dev.slope.autograd.ops.Sorting;
import dev.slope.autograd.ops.Splitting;
import dev.slope.autograd.ops.Trigonometry;
import dev.slope.autograd.ops.Views;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of F32, F64 or I32 elements on a {@link Device}, with reverse-mode
 * autograd. Names follow PyTorch in camelCase, so a PyTorch snippet translates line by line:
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(DType.F64, rng, 3, 4).requiresGrad(true);
 * Tensor loss = w.matmul(x).tanh().pow(2).mean();
 * loss.backward();
 * w.grad();
 * }</pre>
 *
 * A tensor is a {@link Layout} (shape, strides, offset) over a shared storage: reshape of a
 * contiguous tensor, transpose, permute, slice, expand, squeeze and unsqueeze are views that copy
 * nothing. Binary ops broadcast by NumPy rules and require equal dtypes (convert with
 * {@link #to(DType)}); a Java {@code double} operand takes the tensor's dtype.
 */
public final class Tensor {
    private Storage storage; // replaced only by setData
    private Layout layout;
    private boolean requiresGrad;
    private Node gradFn;
    private Tensor grad;
    private boolean retainsGrad;
    private List<UnaryOperator<Tensor>> hooks;

    private Tensor(Storage storage, Layout layout) {
        this.storage = storage;
        this.layout = layout;
    }

    // ------------------------------------------------------------------ creation

    /** A tensor over a backend buffer (contiguous, row-major). No autograd: for op implementations. */
    public static Tensor fromBuffer(Buffer buffer, Device device, int... shape) {
        Shapes.checkDims("tensor", shape);
        if (Layout.numel(shape) != buffer.size()) {
            throw new IllegalArgumentException("tensor: shape " + Shapes.str(shape) + " needs " + Layout.numel(shape)
                    + " elements, the buffer has " + buffer.size());
        }
        return new Tensor(new Storage(buffer, device), Layout.contiguous(shape));
    }

    /** F64 tensor holding {@code data} (copied) in row-major order. */
    public static Tensor of(double[] data, int... shape) {
        checkLength("of", data.length, shape);
        return Kernels.wrap(data.clone(), shape);
    }

    /** F32 tensor holding {@code data} (copied). */
    public static Tensor of(float[] data, int... shape) {
        checkLength("of", data.length, shape);
        return Kernels.wrap(data.clone(), shape);
    }

    /** I32 tensor (indices, labels) holding {@code data} (copied). */
    public static Tensor of(int[] data, int... shape) {
        checkLength("of", data.length, shape);
        return Kernels.wrap(data.clone(), shape);
    }

    /** 1-d F64 tensor. */
    public static Tensor of(double... data) { return of(data, data.length); }

    /** Rank-0 F64 tensor. */
    public static Tensor scalar(double value) { return scalar(value, DType.F64); }

    public static Tensor scalar(double value, DType dtype) { return full(dtype, value); }

    public static Tensor zeros(DType dtype, int... shape) { return zeros(Device.CPU, dtype, shape); }

    public static Tensor ones(DType dtype, int... shape) { return ones(Device.CPU, dtype, shape); }

    public static Tensor full(DType dtype, double value, int... shape) { return full(Device.CPU, dtype, value, shape); }

    public static Tensor zerosLike(Tensor t) { return Kernels.zeros(t.device(), t.dtype(), t.shape()); }

    public static Tensor onesLike(Tensor t) { return fullLike(t, 1); }

    public static Tensor fullLike(Tensor t, double value) { return Kernels.full(t.device(), t.dtype(), value, t.shape()); }

    /** start, start + step, ... below end (above it for a negative step), as numpy.arange. */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite start, end and a non-zero step, got "
                    + start + ", " + end + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        Tensor t = zeros(dtype, n);
        for (int i = 0; i < n; i++) t.buffer().set(i, start + i * step);
        return t;
    }

    /** 0, 1, ..., n - 1. */
    public static Tensor arange(DType dtype, int n) { return arange(dtype, 0, n, 1); }

    /** The n x n identity. */
    public static Tensor eye(DType dtype, int n) { return eye(dtype, n, n); }

    /** The n x m matrix with ones on the diagonal, as torch.eye(n, m). */
    public static Tensor eye(DType dtype, int n, int m) {
        Shapes.checkDims("eye", new int[] {n, m});
        Tensor t = zeros(dtype, n, m);
        for (int i = 0; i < Math.min(n, m); i++) t.buffer().set(i * m + i, 1);
        return t;
    }

    /** Uniform in [0, 1); the same generator state gives the same tensor, bit for bit. */
    public static Tensor rand(DType dtype, RandomGenerator rng, int... shape) {
        Shapes.checkDims("rand", shape);
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) t.buffer().set(i, rng.nextDouble());
        return t;
    }

    /** Standard normal; the same generator state gives the same tensor, bit for bit. */
    public static Tensor randn(DType dtype, RandomGenerator rng, int... shape) {
        Shapes.checkDims("randn", shape);
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.numel(); i++) t.buffer().set(i, rng.nextGaussian());
        return t;
    }

    // Creation on a device: the same values as on the CPU, bit for bit (random tensors are drawn on
    // the host from the same generator and moved), so a seed means the same model everywhere.

    /** Zeros on {@code device}. */
    public static Tensor zeros(Device device, DType dtype, int... shape) {
        Shapes.checkDims("zeros", shape);
        return Kernels.zeros(device, dtype, shape);
    }

    public static Tensor ones(Device device, DType dtype, int... shape) {
        Shapes.checkDims("ones", shape);
        return Kernels.full(device, dtype, 1, shape);
    }

    public static Tensor full(Device device, DType dtype, double value, int... shape) {
        Shapes.checkDims("full", shape);
        return Kernels.full(device, dtype, value, shape);
    }

    public static Tensor rand(Device device, DType dtype, RandomGenerator rng, int... shape) {
        return rand(dtype, rng, shape).to(device);
    }

    public static Tensor randn(Device device, DType dtype, RandomGenerator rng, int... shape) {
        return randn(dtype, rng, shape).to(device);
    }

    private static void checkLength(String op, int length, int[] shape) {
        Shapes.checkDims(op, shape);
        if (Layout.numel(shape) != length) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + Shapes.str(shape)
                    + " (" + Layout.numel(shape) + " elements)");
        }
    }

    // ------------------------------------------------------------------ what it is

    public int[] shape() { return layout.shape().clone(); }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) { return layout.shape()[Shapes.axis("size", dim, rank())]; }

    public int rank() { return layout.rank(); }

    /** Same as {@link #rank()}, PyTorch's name. */
    public int dim() { return rank(); }

    public int numel() { return layout.numel(); }

    public DType dtype() { return storage.buffer.dtype(); }

    public Device device() { return storage.device; }

    public int[] strides() { return layout.strides().clone(); }

    public boolean isContiguous() { return layout.isContiguous(); }

    /** Kernel-level access for the dispatch layer ({@link Kernels}) and op implementations. */
    public Buffer buffer() { return storage.buffer; }

    /** Kernel-level access for the dispatch layer ({@link Kernels}) and op implementations. */
    public Layout layout() { return layout; }

    /** The backend of this tensor's device; only the dispatch layer ({@link Kernels}) calls its kernels. */
    public Backend backend() { return storage.device.backend(); }

    /** The storage's version counter: bumped by every in-place op on it or on a view of it. */
    public int version() { return storage.version(); }

    /** Marks an in-place change by {@code op}, made by a kernel outside the tensor ops ({@link DirectWrite}). */
    void bumpVersion(String op) { storage.bumpVersion(op); }

    /** Which in-place op moved the version past {@code savedVersion}, when anomaly mode recorded it ({@link Storage#modifiedBy}). */
    String modifiedBy(int savedVersion) { return storage.modifiedBy(savedVersion); }

    /** True when this and {@code other} share storage (one is a view of the other, or both of a third). */
    public boolean sharesStorageWith(Tensor other) { return storage == other.storage; }

    /**
     * A tensor over the same storage with another layout, outside autograd. For op implementations;
     * users want {@link #reshape}, {@link #transpose}, {@link #slice} or {@link #expand}.
     */
    public Tensor withLayout(Layout layout) {
        int max = layout.offset();
        for (int d = 0; d < layout.rank(); d++) {
            if (layout.shape()[d] == 0) return new Tensor(storage, layout);
            max += (layout.shape()[d] - 1) * layout.strides()[d];
        }
        if (layout.offset() < 0 || max >= storage.buffer.size() && layout.numel() > 0) {
            throw new IllegalArgumentException("view: " + layout + " reaches outside a storage of "
                    + storage.buffer.size() + " elements");
        }
        return new Tensor(storage, layout);
    }

    // ------------------------------------------------------------------ read-out

    /** The single element of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shapes.str(shape()) + " has " + numel()
                    + " elements, expected exactly 1");
        }
        return storage.buffer.get(layout.offsetOf(0)); // one element: a device reads just that
    }

    /** Element at the given indices (one per dimension). */
    public double get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + rank());
        }
        int pos = layout.offset();
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= layout.shape()[d]) {
                throw new IndexOutOfBoundsException("get: index " + index[d] + " out of range for dim " + d
                        + " of shape " + Shapes.str(shape()));
            }
            pos += index[d] * layout.strides()[d];
        }
        return storage.buffer.get(pos);
    }

    /** The elements in row-major order, as doubles (copied to the host first when on a device). */
    public double[] toDoubleArray() {
        Buffer b = hostBuffer();
        double[] out = new double[numel()];
        for (int i = 0; i < out.length; i++) out[i] = b.get(layout.offsetOf(i));
        return out;
    }

    public float[] toFloatArray() {
        Buffer b = hostBuffer();
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) out[i] = (float) b.get(layout.offsetOf(i));
        return out;
    }

    public int[] toIntArray() {
        Buffer b = hostBuffer();
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) out[i] = (int) b.get(layout.offsetOf(i));
        return out;
    }

    /** True when some element is NaN or infinite. */
    public boolean hasNonFinite() {
        Buffer b = hostBuffer();
        for (int i = 0; i < numel(); i++) {
            if (!Double.isFinite(b.get(layout.offsetOf(i)))) return true;
        }
        return false;
    }

    /** The storage's buffer if it is in host memory, else a host copy of it (for read-out). */
    private Buffer hostBuffer() {
        return Kernels.hostBuffer(this);
    }

    @Override public String toString() { return TensorFormat.format(this); }

    // ------------------------------------------------------------------ autograd

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as needing a gradient; returns this. Only floating leaves can. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requiresGrad; this one was made by '"
                    + gradFn.name() + "' (use detach() for a leaf copy)");
        }
        if (value && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require gradients, got " + dtype());
        }
        requiresGrad = value;
        return this;
    }

    /** The op that made this tensor, or null for a leaf. */
    public Node gradFn() { return gradFn; }

    /** A leaf: made by the user, not by an op on tensors that require grad. */
    public boolean isLeaf() { return gradFn == null; }

    /** The accumulated gradient of a leaf (or of a tensor that called {@link #retainGrad()}), or null. */
    public Tensor grad() { return grad; }

    /** Replaces the gradient (null clears it); its shape must match. */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape(), shape())) {
            throw new IllegalArgumentException("setGrad: gradient of shape " + Shapes.str(g.shape())
                    + " for a tensor of shape " + Shapes.str(shape()));
        }
        grad = g;
    }

    /** Clears the gradient (PyTorch's set_to_none). */
    public void zeroGrad() { grad = null; }

    /** Keeps the gradient of this non-leaf in {@link #grad()} during backward, for inspection. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("retainGrad: tensor does not require grad");
        retainsGrad = true;
        return this;
    }

    boolean retainsGrad() { return retainsGrad; }

    /**
     * Calls {@code hook} with this tensor's gradient each time backward computes it; a non-null
     * return value replaces the gradient. Returns a handle whose {@code run()} removes the hook.
     */
    public Runnable registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) throw new IllegalStateException("registerHook: tensor does not require grad");
        if (hooks == null) hooks = new ArrayList<>();
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    Tensor runHooks(Tensor g) {
        if (hooks == null) return g;
        for (UnaryOperator<Tensor> h : List.copyOf(hooks)) {
            Tensor r = h.apply(g);
            if (r != null) {
                if (!Arrays.equals(r.shape(), g.shape())) {
                    throw new IllegalStateException("hook returned a gradient of shape " + Shapes.str(r.shape())
                            + " for a tensor of shape " + Shapes.str(shape()));
                }
                g = r;
            }
        }
        return g;
    }

    /**
     * Adds to {@code .grad}. A gradient that arrives as a strided view (the gradient of W in
     * x W^T comes back transposed) is stored contiguous, as PyTorch does, so that optimizers
     * update it with contiguous kernels.
     */
    void accumulateGrad(Tensor g) {
        if (!g.isContiguous()) g = g.contiguous();
        grad = grad == null ? g : grad.add(g);
    }

    void attach(Node node) {
        gradFn = node;
        requiresGrad = true;
    }

    /** A tensor sharing this one's data but outside the graph. */
    public Tensor detach() { return new Tensor(storage, layout); }

    /** Backward from a scalar: accumulates d this / d leaf into every leaf's {@code .grad}, then frees the graph. */
    public void backward() { backward(null, false, false); }

    /** Backward weighted by {@code gradOutput} (shape of this tensor). */
    public void backward(Tensor gradOutput) { backward(gradOutput, false, false); }

    /**
     * @param retainGraph keep the graph so that backward can run through it again
     * @param createGraph record the backward pass itself, so that the gradients are differentiable
     */
    public void backward(Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        Engine.run(List.of(this), gradOutput == null ? null : java.util.Collections.singletonList(gradOutput),
                null, retainGraph || createGraph, createGraph, false);
    }

    // ------------------------------------------------------------------ in place (for optimizers, under noGrad)

    private void checkInPlace(String op) { DirectWrite.checkUntracked(op, this); }

    private Tensor writeBack(String op, Tensor value) {
        checkInPlace(op);
        Kernels.requireWritable(op, this, value);
        Kernels.copyInto(value, this);
        storage.bumpVersion(op);
        return this;
    }

    /**
     * this = this (op) other. When this tensor is a whole contiguous storage and other does not
     * share it, the kernel writes straight into it (no temporary, no copy back); otherwise the result
     * is computed aside and copied in.
     */
    private Tensor inPlace(String op, BinaryOp f, Tensor other) {
        if (dtype().isFloating() && dtype() == other.dtype() && device().equals(other.device()) && isWholeStorage()
                && !other.sharesStorageWith(this)) {
            checkInPlace(op);
            Kernels.requireWritable(op, this, other);
            Kernels.binaryInto(f, this, other, this);
            storage.bumpVersion(op);
            return this;
        }
        return writeBack(op, switch (f) {
            case ADD -> Arithmetic.add(this.detach(), other.detach());
            case SUB -> Arithmetic.sub(this.detach(), other.detach());
            case MUL -> Arithmetic.mul(this.detach(), other.detach());
            case DIV -> Arithmetic.div(this.detach(), other.detach());
            default -> throw new IllegalArgumentException(op + ": not an in-place op");
        });
    }

    /** this += other (broadcast to this shape); returns this. */
    public Tensor addInPlace(Tensor other) { return inPlace("addInPlace", BinaryOp.ADD, other); }

    public Tensor addInPlace(double c) { return inPlace("addInPlace", BinaryOp.ADD, scalarLike(c)); }

    /** this += alpha * other, the axpy of optimizer updates. */
    public Tensor addInPlace(Tensor other, double alpha) {
        return inPlace("addInPlace", BinaryOp.ADD, Arithmetic.mul(other.detach(), scalarLike(alpha)));
    }

    public Tensor subInPlace(Tensor other) { return inPlace("subInPlace", BinaryOp.SUB, other); }

    public Tensor mulInPlace(Tensor other) { return inPlace("mulInPlace", BinaryOp.MUL, other); }

    public Tensor mulInPlace(double c) { return inPlace("mulInPlace", BinaryOp.MUL, scalarLike(c)); }

    public Tensor divInPlace(Tensor other) { return inPlace("divInPlace", BinaryOp.DIV, other); }

    // ------------------------------------------------------------------ into an existing output (out=)

    /**
     * this + other written into {@code out}, which must have the broadcast shape and this tensor's
     * dtype and device, as {@code torch.add(a, b, out=c)} or numpy's {@code out=}: a loop that reuses
     * its output allocates nothing per call (a new large tensor costs the JVM a pass that zeroes it
     * before the kernel writes it). Outside autograd, as in PyTorch: refused while grad mode is on and
     * an argument requires grad. {@code out} may be an input itself. Returns out.
     */
    public Tensor add(Tensor other, Tensor out) { return into("add", BinaryOp.ADD, other, out); }

    /** this - other into {@code out}; see {@link #add(Tensor, Tensor)}. */
    public Tensor sub(Tensor other, Tensor out) { return into("sub", BinaryOp.SUB, other, out); }

    /** this * other into {@code out}; see {@link #add(Tensor, Tensor)}. */
    public Tensor mul(Tensor other, Tensor out) { return into("mul", BinaryOp.MUL, other, out); }

    /** this / other into {@code out}; see {@link #add(Tensor, Tensor)}. */
    public Tensor div(Tensor other, Tensor out) { return into("div", BinaryOp.DIV, other, out); }

    /** e^this into {@code out} (this shape, dtype and device), as {@code torch.exp(x, out=y)}; see {@link #add(Tensor, Tensor)}. */
    public Tensor exp(Tensor out) {
        Tensors.requireFloating("exp", this);
        checkOut("exp", shape(), out, this, this);
        if (out.writableDirectlyFrom(this)) {
            Kernels.unaryInto(UnaryOp.EXP, this, out);
            out.storage.bumpVersion("exp");
            return out;
        }
        return out.writeBack("exp", Elementwise.exp(detach()));
    }

    private Tensor into(String op, BinaryOp f, Tensor other, Tensor out) {
        Objects.requireNonNull(other, op + ": other");
        int[] shape = Shapes.broadcast(op, shape(), other.shape());
        Kernels.requireSame(op, this, other);
        checkOut(op, shape, out, this, other);
        if (out.writableDirectlyFrom(this) && out.writableDirectlyFrom(other)) {
            Kernels.binaryInto(f, this, other, out);
            out.storage.bumpVersion(op);
            return out;
        }
        return out.writeBack(op, Kernels.binary(op, f, detach(), other.detach()));
    }

    /** out= arguments: the result's shape, the inputs' dtype and device, and no autograd. */
    private static void checkOut(String op, int[] shape, Tensor out, Tensor a, Tensor b) {
        Objects.requireNonNull(out, op + ": out");
        Kernels.requireDevice(op, a, out);
        Kernels.requireDevice(op, b, out);
        if (out.dtype() != a.dtype()) {
            throw new IllegalArgumentException(op + ": out has dtype " + out.dtype() + ", the result " + a.dtype());
        }
        if (!Arrays.equals(out.shape(), shape)) {
            throw new IllegalArgumentException(op + ": out has shape " + Shapes.str(out.shape()) + ", the result " + Shapes.str(shape));
        }
        if (Autograd.isGradEnabled() && (a.requiresGrad() || b.requiresGrad() || out.requiresGrad())) {
            throw new IllegalStateException(op + ": out= is outside autograd and an argument requires grad (shapes "
                    + Shapes.str(a.shape()) + ", " + Shapes.str(b.shape()) + " into " + Shapes.str(shape)
                    + "); use the form that returns a new tensor, or wrap the call in Autograd.noGrad()");
        }
    }

    /**
     * Whether an element-wise kernel reading {@code input} may write this tensor's storage directly:
     * this tensor is its whole storage, and the input is either elsewhere or this very tensor (the
     * kernels read each element before they write it), never an overlapping view of it.
     */
    private boolean writableDirectlyFrom(Tensor input) {
        return isWholeStorage() && (!input.sharesStorageWith(this) || input.layout.equals(layout));
    }

    /** Whether this tensor's elements are its whole storage, contiguous from its start (a kernel may write it directly). */
    private boolean isWholeStorage() { return DirectWrite.isWholeStorage(this); }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype) into this tensor. */
    public Tensor copyFrom(Tensor src) {
        Objects.requireNonNull(src, "copyFrom: src");
        return writeBack("copyFrom", src.dtype() == dtype() ? src.detach() : Kernels.convert(src, dtype()));
    }

    /** Sets every element to {@code value}. */
    public Tensor fill(double value) { return writeBack("fill", scalarLike(value)); }

    public Tensor zero() { return fill(0); }

    /** A rank-0 tensor of this tensor's dtype and device. */
    public Tensor scalarLike(double value) {
        return Kernels.full(device(), dtype(), value);
    }

    // ------------------------------------------------------------------ arithmetic

    public Tensor add(Tensor other) { return Arithmetic.add(this, other); }
    public Tensor add(double c) { return Arithmetic.add(this, scalarLike(c)); }
    public Tensor sub(Tensor other) { return Arithmetic.sub(this, other); }
    public Tensor sub(double c) { return Arithmetic.sub(this, scalarLike(c)); }
    /** c - this. */
    public Tensor rsub(double c) { return Arithmetic.sub(scalarLike(c), this); }
    public Tensor mul(Tensor other) { return Arithmetic.mul(this, other); }
    public Tensor mul(double c) { return Arithmetic.mul(this, scalarLike(c)); }
    public Tensor div(Tensor other) { return Arithmetic.div(this, other); }
    public Tensor div(double c) { return Arithmetic.div(this, scalarLike(c)); }
    /** c / this. */
    public Tensor rdiv(double c) { return Arithmetic.div(scalarLike(c), this); }
    public Tensor neg() { return Arithmetic.neg(this); }
    public Tensor pow(double exponent) { return Arithmetic.pow(this, scalarLike(exponent)); }
    public Tensor pow(Tensor exponent) { return Arithmetic.pow(this, exponent); }
    public Tensor maximum(Tensor other) { return Arithmetic.maximum(this, other); }
    public Tensor minimum(Tensor other) { return Arithmetic.minimum(this, other); }

    // ------------------------------------------------------------------ element-wise functions

    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor log1p() { return Elementwise.log1p(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor sin() { return Elementwise.sin(this); }
    public Tensor cos() { return Elementwise.cos(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    public Tensor leakyRelu(double negativeSlope) { return Elementwise.leakyRelu(this, negativeSlope); }
    /** GELU, exact form x * Phi(x) (PyTorch's default). */
    public Tensor gelu() { return Elementwise.gelu(this); }
    public Tensor softplus() { return Elementwise.softplus(this); }
    public Tensor erf() { return Elementwise.erf(this); }
    public Tensor square() { return Arithmetic.mul(this, this); }
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    /** Element-wise {@code cond != 0 ? this : other}, as torch.where(cond, this, other). */
    public Tensor where(Tensor cond, Tensor other) { return Elementwise.where(cond, this, other); }
    /** -1, 0 or 1; not differentiable (its gradient is zero almost everywhere). */
    public Tensor sign() { return Elementwise.sign(this); }

    // ---- element-wise functions and activations (issue 16)
    /** 1 / sqrt(this), as torch.rsqrt. */
    public Tensor rsqrt() { return Elementwise.rsqrt(this); }
    /** 1 / this. */
    public Tensor reciprocal() { return Elementwise.reciprocal(this); }
    /** e^this - 1, accurate near 0. */
    public Tensor expm1() { return Elementwise.expm1(this); }
    public Tensor log2() { return Elementwise.log2(this); }
    public Tensor log10() { return Elementwise.log10(this); }
    public Tensor tan() { return Trigonometry.tan(this); }
    public Tensor atan() { return Trigonometry.atan(this); }
    public Tensor asin() { return Trigonometry.asin(this); }
    public Tensor acos() { return Trigonometry.acos(this); }
    public Tensor sinh() { return Trigonometry.sinh(this); }
    public Tensor cosh() { return Trigonometry.cosh(this); }
    /** The angle of the point (other, this) in (-pi, pi], as torch.atan2(this, other). */
    public Tensor atan2(Tensor other) { return Elementwise.atan2(this, other); }
    /** sqrt(this^2 + other^2). */
    public Tensor hypot(Tensor other) { return Trigonometry.hypot(this, other); }
    /** this + weight (end - this), as torch.lerp. */
    public Tensor lerp(Tensor end, double weight) { return Elementwise.lerp(this, end, scalarLike(weight)); }
    public Tensor lerp(Tensor end, Tensor weight) { return Elementwise.lerp(this, end, weight); }
    /** log(e^this + e^other) without overflow. */
    public Tensor logaddexp(Tensor other) { return Elementwise.logaddexp(this, other); }
    /** log(this / (1 - this)), the inverse of sigmoid. */
    public Tensor logit() { return Elementwise.logit(this); }
    /** logit of this limited to [eps, 1 - eps], as torch.logit(x, eps). */
    public Tensor logit(double eps) { return Elementwise.logit(this, eps); }
    /** min(max(this, min), max) with tensor bounds that broadcast; one of them may be null, as torch.clamp. */
    public Tensor clamp(Tensor min, Tensor max) { return Elementwise.clamp(this, min, max); }
    /** max(this, min), as torch.clamp_min. */
    public Tensor clampMin(double min) { return Elementwise.clampMin(this, scalarLike(min)); }
    public Tensor clampMin(Tensor min) { return Elementwise.clampMin(this, min); }
    /** min(this, max), as torch.clamp_max. */
    public Tensor clampMax(double max) { return Elementwise.clampMax(this, scalarLike(max)); }
    public Tensor clampMax(Tensor max) { return Elementwise.clampMax(this, max); }
    /** this * sigmoid(this) (swish). */
    public Tensor silu() { return Activations.silu(this); }
    /** elu with alpha 1. */
    public Tensor elu() { return Activations.elu(this, 1); }
    /** this where positive, else alpha (e^this - 1). */
    public Tensor elu(double alpha) { return Activations.elu(this, alpha); }
    public Tensor selu() { return Activations.selu(this); }
    /** this * tanh(softplus(this)). */
    public Tensor mish() { return Activations.mish(this); }
    /** hardtanh to [-1, 1]. */
    public Tensor hardtanh() { return Activations.hardtanh(this, -1, 1); }
    /** this limited to [min, max], with a zero gradient at the boundaries (unlike clamp), as PyTorch. */
    public Tensor hardtanh(double min, double max) { return Activations.hardtanh(this, min, max); }
    /** relu6(this + 3) / 6. */
    public Tensor hardsigmoid() { return Activations.hardsigmoid(this); }
    /** this * relu6(this + 3) / 6. */
    public Tensor hardswish() { return Activations.hardswish(this); }
    /** this / (1 + |this|). */
    public Tensor softsign() { return Activations.softsign(this); }
    /** this - tanh(this). */
    public Tensor tanhshrink() { return Activations.tanhshrink(this); }
    /** log(1 + e^(beta this)) / beta, and this itself where beta this > threshold, as torch's softplus. */
    public Tensor softplus(double beta, double threshold) { return Activations.softplus(this, beta, threshold); }
    /** GELU, exact ("none") or with PyTorch's tanh approximation ("tanh"). */
    public Tensor gelu(String approximate) { return Activations.gelu(this, approximate); }

    // comparisons: 1 or 0 in this dtype, outside autograd
    public Tensor gt(Tensor o) { return Elementwise.compare("gt", this, o); }
    public Tensor gt(double c) { return gt(scalarLike(c)); }
    public Tensor ge(Tensor o) { return Elementwise.compare("ge", this, o); }
    public Tensor lt(Tensor o) { return Elementwise.compare("lt", this, o); }
    public Tensor lt(double c) { return lt(scalarLike(c)); }
    public Tensor le(Tensor o) { return Elementwise.compare("le", this, o); }
    public Tensor eq(Tensor o) { return Elementwise.compare("eq", this, o); }
    public Tensor ne(Tensor o) { return Elementwise.compare("ne", this, o); }

    // ------------------------------------------------------------------ reductions (no axes = all axes)

    public Tensor sum(int... axes) { return Reductions.sum(this, axes, false); }
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    public Tensor mean(int... axes) { return Reductions.mean(this, axes, false); }
    public Tensor mean(int[] axes, boolean keepDim) { return Reductions.mean(this, axes, keepDim); }
    /** Variance with Bessel's correction (correction 1), as torch.var. */
    public Tensor var(int... axes) { return Reductions.var(this, axes, 1, false); }
    public Tensor var(int[] axes, int correction, boolean keepDim) { return Reductions.var(this, axes, correction, keepDim); }
    public Tensor max(int... axes) { return Reductions.max(this, axes, false); }
    public Tensor max(int[] axes, boolean keepDim) { return Reductions.max(this, axes, keepDim); }
    public Tensor min(int... axes) { return Reductions.min(this, axes, false); }
    public Tensor min(int[] axes, boolean keepDim) { return Reductions.min(this, axes, keepDim); }
    /** Index (I32) of the first maximum along {@code axis}; not differentiable. */
    public Tensor argmax(int axis) { return Reductions.argmax(this, axis, false); }
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.argmax(this, axis, keepDim); }
    /** Index of the maximum of the flattened tensor. */
    public Tensor argmax() { return Reductions.argmax(reshape(-1), 0, false); }
    public Tensor argmin(int axis) { return Reductions.argmin(this, axis, false); }
    public Tensor logSumExp(int... axes) { return Softmax.logSumExp(this, axes, false); }
    public Tensor logSumExp(int[] axes, boolean keepDim) { return Softmax.logSumExp(this, axes, keepDim); }
    /** The p-norm over the axes (all by default); p = 2 is the Euclidean norm. */
    public Tensor norm(double p, int... axes) { return Reductions.norm(this, p, axes, false); }
    public Tensor norm(double p, int[] axes, boolean keepDim) { return Reductions.norm(this, p, axes, keepDim); }
    /** Euclidean norm of all elements. */
    public Tensor norm() { return Reductions.norm(this, 2, new int[0], false); }
    // ---- reductions, scans, sorting (issue 16)
    /** Standard deviation with Bessel's correction (correction 1), as torch.std; gradient 0 where it is 0. */
    public Tensor std(int... axes) { return Reductions.std(this, axes, 1, false); }
    public Tensor std(int[] axes, int correction, boolean keepDim) { return Reductions.std(this, axes, correction, keepDim); }
    /** Product of all elements (1 for none); the gradient is exact with zeros, as torch.prod. */
    public Tensor prod() { return Reductions.prod(this, new int[0], false); }
    public Tensor prod(int dim) { return Reductions.prod(this, new int[] {dim}, false); }
    public Tensor prod(int dim, boolean keepDim) { return Reductions.prod(this, new int[] {dim}, keepDim); }
    /** Inclusive running sum along dim. */
    public Tensor cumsum(int dim) { return Scans.cumsum(this, dim); }
    /** Inclusive running product along dim. */
    public Tensor cumprod(int dim) { return Scans.cumprod(this, dim); }
    /** Inclusive running log-sum-exp along dim. */
    public Tensor logcumsumexp(int dim) { return Scans.logcumsumexp(this, dim); }
    /** 1 when every element is non-zero, else 0, in this dtype (slope has no bool dtype); not differentiable. */
    public Tensor all() { return Reductions.all(this, new int[0], false); }
    public Tensor all(int dim) { return Reductions.all(this, new int[] {dim}, false); }
    public Tensor all(int dim, boolean keepDim) { return Reductions.all(this, new int[] {dim}, keepDim); }
    /** 1 when some element is non-zero, else 0, in this dtype; not differentiable. */
    public Tensor any() { return Reductions.any(this, new int[0], false); }
    public Tensor any(int dim) { return Reductions.any(this, new int[] {dim}, false); }
    public Tensor any(int dim, boolean keepDim) { return Reductions.any(this, new int[] {dim}, keepDim); }
    public Tensor argmin(int axis, boolean keepDim) { return Reductions.argmin(this, axis, keepDim); }
    /** Index of the minimum of the flattened tensor. */
    public Tensor argmin() { return Reductions.argmin(reshape(-1), 0, false); }
    /** Index of the maximum of the flattened tensor, with keepDim a tensor of this rank and all sizes 1 (as torch). */
    public Tensor argmax(boolean keepDim) { return keepDim ? argmax().reshape(Reductions.ones(rank())) : argmax(); }
    public Tensor argmin(boolean keepDim) { return keepDim ? argmin().reshape(Reductions.ones(rank())) : argmin(); }
    /** Sorted along dim (ascending unless descending), stable, with the indices, as torch.sort. */
    public ValuesAndIndices sort(int dim, boolean descending) { return Sorting.sort(this, dim, descending); }
    /** Sorted ascending along the last dim. */
    public ValuesAndIndices sort() { return Sorting.sort(this, -1, false); }
    /** The (I32) indices that sort along dim, stably; not differentiable. */
    public Tensor argsort(int dim, boolean descending) { return Sorting.argsort(this, dim, descending); }
    public Tensor argsort() { return Sorting.argsort(this, -1, false); }
    /**
     * The k largest (or smallest) along dim with their indices, as torch.topk; the values are always
     * sorted ({@code sorted = false} leaves the order to the implementation in PyTorch).
     */
    public ValuesAndIndices topk(int k, int dim, boolean largest, boolean sorted) { return Sorting.topk(this, k, dim, largest); }
    /** The k largest along the last dim. */
    public ValuesAndIndices topk(int k) { return Sorting.topk(this, k, -1, true); }
    /** The k-th smallest (k from 1) along dim with its index, as torch.kthvalue. */
    public ValuesAndIndices kthvalue(int k, int dim, boolean keepDim) { return Sorting.kthvalue(this, k, dim, keepDim); }
    public ValuesAndIndices kthvalue(int k) { return Sorting.kthvalue(this, k, -1, false); }
    /** The lower median of all elements, as torch.median(); the gradient is split among equal elements. */
    public Tensor median() { return Sorting.median(this); }
    /** The lower median along dim with its index, as torch.median(dim); the gradient goes to that index. */
    public ValuesAndIndices median(int dim, boolean keepDim) { return Sorting.median(this, dim, keepDim); }
    public Tensor softmax(int axis) { return Softmax.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return Softmax.logSoftmax(this, axis); }

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product with NumPy/PyTorch semantics: 1-d operands, 2-d, and batched with broadcast batch dims. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }
    public Tensor dot(Tensor other) { return LinearAlgebra.dot(this, other); }
    public Tensor outer(Tensor other) { return LinearAlgebra.outer(this, other); }

    // ---- linear algebra (issue 16)
    /** this + mat1 @ mat2 (2-d), as torch.addmm. */
    public Tensor addmm(Tensor mat1, Tensor mat2) { return LinearAlgebra.addmm(this, mat1, mat2, 1, 1); }
    /** beta * this + alpha * (mat1 @ mat2); with beta = 0 this is not read, as torch.addmm. */
    public Tensor addmm(Tensor mat1, Tensor mat2, double beta, double alpha) { return LinearAlgebra.addmm(this, mat1, mat2, beta, alpha); }
    /** this + batch1 @ batch2 (3-d), as torch.baddbmm. */
    public Tensor baddbmm(Tensor batch1, Tensor batch2) { return LinearAlgebra.baddbmm(this, batch1, batch2, 1, 1); }
    public Tensor baddbmm(Tensor batch1, Tensor batch2, double beta, double alpha) {
        return LinearAlgebra.baddbmm(this, batch1, batch2, beta, alpha);
    }
    /** Einstein summation, as torch.einsum, e.g. {@code einsum("bij,bjk->bik", a, b)}; differentiable twice. */
    public static Tensor einsum(String equation, Tensor... operands) { return Einsum.einsum(equation, List.of(operands)); }
    public static Tensor einsum(String equation, List<Tensor> operands) { return Einsum.einsum(equation, operands); }

    // ------------------------------------------------------------------ shape and views

    /** Same elements in a new shape (one entry may be -1); a view when the tensor is contiguous. */
    public Tensor reshape(int... shape) { return Views.reshape(this, shape); }
    public Tensor view(int... shape) { return Views.view(this, shape); }
    public Tensor flatten() { return Views.reshape(this, -1); }
    public Tensor flatten(int startDim, int endDim) { return Views.flatten(this, startDim, endDim); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }
    /** Transpose of a matrix (rank 2; rank 0 and 1 are returned as they are). */
    public Tensor t() { return rank() < 2 ? this : Views.transpose(this, 0, 1); }
    /** Swap of the last two dims (batched matrix transpose). */
    public Tensor mT() { return Views.mT(this); }
    /** A view with size-1 dims repeated (stride 0) to {@code shape}; -1 keeps a dim. */
    public Tensor expand(int... shape) { return Views.expand(this, shape); }
    /**
     * Elements start, start + step, ... below end along dim (a view), Python's {@code x[start:end:step]}:
     * negative start/end count from the end, and bounds past either end are clamped as Python clamps
     * them (use {@link #narrow} to have a range past the end refused).
     */
    public Tensor slice(int dim, int start, int end, int step) { return Views.slice(this, dim, start, end, step); }
    public Tensor slice(int dim, int start, int end) { return Views.slice(this, dim, start, end, 1); }
    /** {@code length} elements from {@code start} along dim (a view, torch.narrow); refuses a range past the end. */
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }
    /** A copy of this with the slice (dim, start, end, step) replaced by {@code src}, as torch.slice_scatter. */
    public Tensor sliceScatter(Tensor src, int dim, int start, int end, int step) {
        return Views.sliceScatter(this, src, dim, start, end, step);
    }
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    public Tensor squeeze() { return Views.squeezeAll(this); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    /** This tensor if already contiguous, else a contiguous copy (differentiable). */
    public Tensor contiguous() { return Views.contiguous(this); }
    /** A differentiable copy with its own storage. */
    public Tensor copy() { return Views.copy(this); }
    /** Converted to {@code dtype} (differentiable between F32 and F64). */
    public Tensor to(DType dtype) { return Views.to(this, dtype); }

    /**
     * This tensor's values on {@code device} (itself when already there). Differentiable: the
     * gradient flows back to this device. The only way data moves between devices.
     */
    public Tensor to(Device device) { return Views.to(this, device); }

    /**
     * Replaces this leaf's values by {@code value}'s (same shape and dtype, any device), keeping the
     * tensor itself: PyTorch's {@code param.data = value}. This is how {@code Module.to(device)}
     * moves parameters that layers already hold; a gradient moves along. Views taken before keep
     * the old values. Returns this.
     */
    public Tensor setData(Tensor value) {
        if (!isLeaf()) throw new IllegalStateException("setData: only a leaf's data can be replaced (this is the output of " + gradFn.name() + ")");
        if (!Arrays.equals(shape(), value.shape()) || dtype() != value.dtype()) {
            throw new IllegalArgumentException("setData: expected " + dtype() + " of shape " + Shapes.str(shape())
                    + ", got " + value.dtype() + " of shape " + Shapes.str(value.shape()));
        }
        Tensor v = value.detach();
        storage = v.storage;
        layout = v.layout;
        if (grad != null) grad = grad.detach().to(v.device());
        return this;
    }

    /**
     * Frees the device memory behind this tensor (and so behind every view of it) now, rather than
     * when the garbage collector finds it unreachable; using it afterwards throws. Does nothing on the
     * CPU, whose arrays the garbage collector frees.
     */
    public void release() { Kernels.release(this); }

    /** Same as {@link #to(Device)} with the device named as by {@link Device#parse}, e.g. {@code "opencl"}. */
    public Tensor to(String device) { return to(Device.parse(device)); }
    /**
     * Constant padding, as torch.nn.functional.pad: {@code pads} holds (before, after) pairs
     * starting from the last dim; a negative pad crops that side.
     */
    public Tensor pad(int[] pads, double value) { return Views.pad(this, pads, value); }

    public static Tensor cat(List<Tensor> tensors, int dim) { return Views.cat(tensors, dim); }
    public static Tensor stack(List<Tensor> tensors, int dim) { return Views.stack(tensors, dim); }

    // ------------------------------------------------------------------ indexing

    /** out[i][j] = this[index[i][j]][j] for dim 0 (and likewise for other dims), as torch.gather. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** A copy of this with src added at the places index names along dim, as torch.scatter_add. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatterAdd(this, dim, index, src); }
    /** The entries of this at the (1-d, I32) indices along dim, as torch.index_select. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }

    // ---- indexing and views (issue 16)

    /** The view this[.., index, ..] along dim, without that dim, as torch.select; negative index from the end. */
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }
    /**
     * This tensor under a PyTorch subscript, e.g. {@code x[1::2, -1, None, idx]} is
     * {@code x.index(Index.slice(1, null, 2), Index.at(-1), Index.none(), Index.tensor(idx))}: a view
     * for integers and slices, a copy with index tensors or masks. See {@link Index}.
     */
    public Tensor index(Index... indices) { return AdvancedIndexing.index(this, indices); }
    /**
     * A copy of this with this[indices] set to values (broadcast), or with values added there when
     * accumulate, as torch.index_put; a place named twice without accumulate takes the last value.
     */
    public Tensor indexPut(List<Index> indices, Tensor values, boolean accumulate) {
        return AdvancedIndexing.indexPut(this, indices, values, accumulate);
    }
    /** This with value where mask (nonzero, broadcast to this shape) is set, as torch.masked_fill. */
    public Tensor maskedFill(Tensor mask, double value) { return AdvancedIndexing.maskedFill(this, mask, value); }
    /** The elements where mask is nonzero, as a 1-d copy, as torch.masked_select. */
    public Tensor maskedSelect(Tensor mask) { return AdvancedIndexing.maskedSelect(this, mask); }
    /** Views of splitSize elements along dim (the last one smaller), as torch.split. */
    public List<Tensor> split(int splitSize, int dim) { return Splitting.split(this, splitSize, dim); }
    /** Views of the given sizes along dim (adding up to its size), as torch.split with a list. */
    public List<Tensor> split(int[] sizes, int dim) { return Splitting.split(this, sizes, dim); }
    /** At most {@code chunks} views of ceil(n / chunks) along dim, as torch.chunk. */
    public List<Tensor> chunk(int chunks, int dim) { return Splitting.chunk(this, chunks, dim); }
    /** The views this[.., i, ..] along dim, as torch.unbind. */
    public List<Tensor> unbind(int dim) { return Splitting.unbind(this, dim); }
    /** A copy reversed along each of dims, as torch.flip. */
    public Tensor flip(int... dims) { return Rearranging.flip(this, dims); }
    /** A copy shifted by shift along dim, wrapping around, as torch.roll. */
    public Tensor roll(int shift, int dim) { return Rearranging.roll(this, new int[] {shift}, new int[] {dim}); }
    /** A copy shifted by shifts[i] along dims[i]; with no dims, the flattened tensor by shifts[0], as torch.roll. */
    public Tensor roll(int[] shifts, int[] dims) { return Rearranging.roll(this, shifts, dims); }
    /** A copy repeated repeats[i] times along dim i (extra leading repeats add dims), as torch.Tensor.repeat. */
    public Tensor repeat(int... repeats) { return Rearranging.repeat(this, repeats); }
    /** As repeat, with reps shorter than the rank padded by leading 1s, as torch.tile. */
    public Tensor tile(int... reps) { return Rearranging.tile(this, reps); }
    /** The lower triangle (j - i <= diagonal) of the last two dims, zeros elsewhere, as torch.tril. */
    public Tensor tril(int diagonal) { return Rearranging.tril(this, diagonal); }
    public Tensor tril() { return Rearranging.tril(this, 0); }
    /** The upper triangle (j - i >= diagonal) of the last two dims, zeros elsewhere, as torch.triu. */
    public Tensor triu(int diagonal) { return Rearranging.triu(this, diagonal); }
    public Tensor triu() { return Rearranging.triu(this, 0); }
    /** I32 one-hot rows over a new last dim of numClasses (-1 infers it), as nn.functional.one_hot; this is I32. */
    public Tensor oneHot(int numClasses) { return AdvancedIndexing.oneHot(this, numClasses); }

    // ------------------------------------------------------------------ convolution and pooling (NCHW)
    // ---- convolution, pooling, resizing (issue 16): options as torch.nn.functional's, unbatched inputs

    /** conv2d with one stride and padding for both axes, no dilation, one group. */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return Convolution.conv2d(this, weight, bias, stride, padding);
    }
    /**
     * As torch.nn.functional.conv2d: this [N, C, H, W] or [C, H, W], weight [O, C/groups, kh, kw],
     * bias [O] or null; stride, padding, dilation one int or an (h, w) pair.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
    }
    /** conv2d with padding "valid" or "same" (stride 1; an odd total pads the bottom/right more). */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        return Convolution.conv2d(this, weight, bias, stride, padding, dilation, groups);
    }
    /** As torch.nn.functional.conv1d: this [N, C, L] or [C, L], weight [O, C/groups, k], bias [O] or null. */
    public Tensor conv1d(Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolution.conv1d(this, weight, bias, stride, padding, dilation, groups);
    }
    /** conv1d with padding "valid" or "same". */
    public Tensor conv1d(Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        return Convolution.conv1d(this, weight, bias, stride, padding, dilation, groups);
    }
    /** Maximum over k x k windows; padding counts as -inf; the gradient goes to each window's first maximum. */
    public Tensor maxPool2d(int kernel, int stride, int padding) { return Pooling.maxPool2d(this, kernel, stride, padding); }
    /** As torch.nn.functional.max_pool2d; kernel, stride (null: kernel), padding, dilation one int or an (h, w) pair. */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2d(this, kernel, stride, padding, dilation, ceilMode);
    }
    /** max_pool2d with return_indices: {values, I32 indices flat in each H x W plane}, for {@link #maxUnpool2d}. */
    public Tensor[] maxPool2dWithIndices(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2dWithIndices(this, kernel, stride, padding, dilation, ceilMode);
    }
    /** As torch.nn.functional.max_unpool2d; stride null: kernel; outputSize null: the size max_pool2d came from. */
    public Tensor maxUnpool2d(Tensor indices, int[] kernel, int[] stride, int[] padding, int[] outputSize) {
        return Pooling.maxUnpool2d(this, indices, kernel, stride, padding, outputSize);
    }
    /** Mean over k x k windows, zero padding counted. */
    public Tensor avgPool2d(int kernel, int stride, int padding) { return Pooling.avgPool2d(this, kernel, stride, padding); }
    /** As torch.nn.functional.avg_pool2d; divisorOverride 0 is PyTorch's None. */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad, int divisorOverride) {
        return Pooling.avgPool2d(this, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }
    /** As torch.nn.functional.adaptive_avg_pool2d. */
    public Tensor adaptiveAvgPool2d(int outH, int outW) { return AdaptivePooling.adaptiveAvgPool2d(this, outH, outW); }
    /** As torch.nn.functional.adaptive_max_pool2d. */
    public Tensor adaptiveMaxPool2d(int outH, int outW) { return AdaptivePooling.adaptiveMaxPool2d(this, outH, outW); }
    /** adaptive_max_pool2d with return_indices: {values, I32 indices flat in each H x W plane}. */
    public Tensor[] adaptiveMaxPool2dWithIndices(int outH, int outW) {
        return AdaptivePooling.adaptiveMaxPool2dWithIndices(this, outH, outW);
    }
    /** As torch.nn.functional.interpolate with size: mode "nearest" (3-d, 4-d) or "bilinear" (4-d). */
    public Tensor interpolate(int[] size, String mode, boolean alignCorners) {
        return Resizing.interpolate(this, size, mode, alignCorners);
    }
    /** As torch.nn.functional.interpolate with scale_factor (recompute_scale_factor unset). */
    public Tensor interpolate(double[] scaleFactor, String mode, boolean alignCorners) {
        return Resizing.interpolate(this, scaleFactor, mode, alignCorners);
    }
}
