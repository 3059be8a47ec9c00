package dev.slope.autograd.ops;

import dev.slope.autograd.Index;
import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import dev.slope.autograd.backend.DType;
import dev.slope.autograd.backend.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's subscripts: {@code x[...]} ({@link #index}), {@code x[...] = v} ({@link #indexPut}),
 * maskedFill, maskedSelect, and oneHot. Integers and slices are views ({@link Views#select},
 * {@link Views#slice}); index tensors and masks become one flat position list that
 * {@link Indexing#indexSelect} reads, so every gradient is a scatterAdd and comes from there.
 */
public final class AdvancedIndexing {
    private AdvancedIndexing() {}

    /** x[items...] with PyTorch's semantics; see {@link Index}. */
    public static Tensor index(Tensor x, Index... items) {
        List<Index> expanded = expandEllipsis(x, items);
        Tensor v = x;
        int d = 0;
        List<Integer> positions = new ArrayList<>();
        List<Tensor> indices = new ArrayList<>();
        for (Index item : expanded) {
            switch (item) {
                case Index.At a -> v = Views.select(v, d, a.i());
                case Index.Slice s -> {
                    int n = v.shape()[d];
                    v = Views.slice(v, d, s.start() == null ? 0 : s.start(), s.end() == null ? n : s.end(),
                            s.step() == null ? 1 : s.step());
                    d++;
                }
                case Index.NewAxis ignored -> v = Views.unsqueeze(v, d++);
                case Index.Indices t -> {
                    if (t.indices().dtype() != DType.I32) {
                        throw new IllegalArgumentException("index: index tensors must be I32, got " + t.indices().dtype()
                                + " of shape " + Shapes.str(t.indices().shape()) + " (use Index.mask for a mask)");
                    }
                    positions.add(d++);
                    indices.add(t.indices());
                }
                case Index.Mask m -> {
                    for (Tensor coordinate : nonzero(m.mask(), v, d)) {
                        positions.add(d++);
                        indices.add(coordinate);
                    }
                }
                case Index.Ellipsis ignored -> throw new IllegalStateException("ellipsis left after expansion");
            }
        }
        return indices.isEmpty() ? v : advanced(v, positions, indices);
    }

    /** The items with the ellipsis (or, without one, the trailing dims) spelled out as full slices. */
    private static List<Index> expandEllipsis(Tensor x, Index[] items) {
        int consumed = 0, ellipses = 0;
        for (Index item : items) {
            switch (item) {
                case Index.At a -> consumed++;
                case Index.Slice s -> consumed++;
                case Index.Indices t -> consumed++;
                case Index.Mask m -> consumed += m.mask().rank();
                case Index.Ellipsis e -> ellipses++;
                case Index.NewAxis n -> { }
            }
        }
        if (ellipses > 1) throw new IllegalArgumentException("index: at most one ellipsis, got " + ellipses);
        if (consumed > x.rank()) {
            throw new IllegalArgumentException("index: " + consumed + " indexed dims for a tensor of shape "
                    + Shapes.str(x.shape()) + " (" + Arrays.toString(items) + ")");
        }
        List<Index> out = new ArrayList<>();
        for (Index item : items) {
            if (item instanceof Index.Ellipsis) {
                for (int i = 0; i < x.rank() - consumed; i++) out.add(Index.all());
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** One I32 coordinate tensor per dim of the mask, over the nonzero places, in row-major order. */
    private static List<Tensor> nonzero(Tensor mask, Tensor v, int d) {
        int k = mask.rank();
        int[] covered = Arrays.copyOfRange(v.shape(), d, d + k);
        if (k == 0 || !Arrays.equals(mask.shape(), covered)) {
            throw new IllegalArgumentException("index: mask of shape " + Shapes.str(mask.shape())
                    + " does not match the dims " + Shapes.str(covered) + " it covers in shape " + Shapes.str(v.shape()));
        }
        double[] m = mask.toDoubleArray();
        int count = 0;
        for (double e : m) if (e != 0) count++;
        int[][] coordinates = new int[k][count];
        for (int i = 0, c = 0; i < m.length; i++) {
            if (m[i] == 0) continue;
            for (int j = k - 1, rest = i; j >= 0; j--) {
                coordinates[j][c] = rest % covered[j];
                rest /= covered[j];
            }
            c++;
        }
        List<Tensor> out = new ArrayList<>();
        for (int[] coordinate : coordinates) out.add(Tensor.of(coordinate, count).to(v.device()));
        return out;
    }

    /** v indexed by tensors at the given dims: one indexSelect of the flattened indexed dims. */
    private static Tensor advanced(Tensor v, List<Integer> positions, List<Tensor> indices) {
        int[] b = new int[0];
        for (Tensor t : indices) b = Shapes.broadcast("index", b, t.shape());
        int nb = Layout.numel(b);
        int[] linear = new int[nb];
        for (int j = 0; j < indices.size(); j++) {
            int dim = positions.get(j), n = v.shape()[dim];
            int[] values = Views.expand(indices.get(j), b).toIntArray();
            for (int i = 0; i < nb; i++) {
                int ix = values[i];
                if (ix < -n || ix >= n) {
                    throw new IndexOutOfBoundsException("index: index " + ix + " out of range for dim " + dim
                            + " of size " + n + " (shape " + Shapes.str(v.shape()) + ")");
                }
                linear[i] = linear[i] * n + (ix < 0 ? ix + n : ix);
            }
        }
        int[] perm = new int[v.rank()];
        int[] restShape = new int[v.rank() - positions.size()];
        int flat = 1, p = 0, r = 0;
        for (int dim : positions) {
            perm[p++] = dim;
            flat *= v.shape()[dim];
        }
        for (int dim = 0; dim < v.rank(); dim++) {
            if (positions.contains(dim)) continue;
            perm[p++] = dim;
            restShape[r++] = v.shape()[dim];
        }
        int[] flatShape = new int[restShape.length + 1];
        flatShape[0] = flat;
        System.arraycopy(restShape, 0, flatShape, 1, restShape.length);
        Tensor rows = Views.reshape(Views.permute(v, perm), flatShape);
        Tensor picked = Indexing.indexSelect(rows, 0, Tensor.of(linear, nb).to(v.device()));
        int[] outShape = new int[b.length + restShape.length];
        System.arraycopy(b, 0, outShape, 0, b.length);
        System.arraycopy(restShape, 0, outShape, b.length, restShape.length);
        Tensor out = Views.reshape(picked, outShape);
        int first = positions.getFirst();
        boolean adjacent = positions.getLast() - first == positions.size() - 1;
        if (!adjacent || first == 0) return out;
        int[] back = new int[outShape.length]; // the index dims go where the indexed dims were
        int q = 0;
        for (int i = 0; i < first; i++) back[q++] = b.length + i;
        for (int i = 0; i < b.length; i++) back[q++] = i;
        for (int i = b.length + first; i < outShape.length; i++) back[q++] = i;
        return Views.permute(out, back);
    }

    /**
     * A copy of x with x[items...] set to values (broadcast to that subscript's shape), or with
     * values added there when {@code accumulate}, as torch.index_put / {@code x[items] = values}.
     * Without accumulate, a place named twice takes the last value (PyTorch leaves it undefined).
     */
    public static Tensor indexPut(Tensor x, List<Index> items, Tensor values, boolean accumulate) {
        Kernels.requireSame("indexPut", x, values);
        Tensor places = index(Tensor.arange(DType.I32, x.numel()).reshape(x.shape()).to(x.device()),
                items.toArray(new Index[0]));
        int[] shape = places.shape();
        if (!Arrays.equals(Shapes.broadcast("indexPut", values.shape(), shape), shape)) {
            throw new IllegalArgumentException("indexPut: values of shape " + Shapes.str(values.shape())
                    + " do not broadcast to the indexed shape " + Shapes.str(shape));
        }
        Tensor flatPlaces = Views.reshape(places, -1);
        Tensor flatValues = Views.reshape(Views.expand(values, shape), -1);
        Tensor flatX = Views.reshape(x, -1);
        if (accumulate) return Views.reshape(Indexing.scatterAdd(flatX, 0, flatPlaces, flatValues), x.shape());
        int[] at = flatPlaces.toIntArray();
        Map<Integer, Integer> last = new HashMap<>();
        for (int i = 0; i < at.length; i++) last.put(at[i], i);
        int[] hit = new int[x.numel()], kept = new int[last.size()], keptAt = new int[last.size()];
        int k = 0;
        for (int i = 0; i < at.length; i++) {
            if (last.get(at[i]) != i) continue;
            hit[at[i]] = 1;
            kept[k] = i;
            keptAt[k++] = at[i];
        }
        Tensor cleared = maskedFill(flatX, Tensor.of(hit, hit.length).to(x.device()), 0);
        Tensor src = Indexing.indexSelect(flatValues, 0, Tensor.of(kept, k).to(x.device()));
        return Views.reshape(Indexing.scatterAdd(cleared, 0, Tensor.of(keptAt, k).to(x.device()), src), x.shape());
    }

    /** x with value where mask (broadcast to x's shape) is nonzero, as torch.masked_fill. */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        Kernels.requireDevice("maskedFill", x, mask);
        if (!Arrays.equals(Shapes.broadcast("maskedFill", mask.shape(), x.shape()), x.shape())) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + Shapes.str(mask.shape())
                    + " does not broadcast to the input's shape " + Shapes.str(x.shape()));
        }
        return Elementwise.where(mask, x.scalarLike(value), x);
    }

    /** The elements of x where mask is nonzero (both broadcast together), as a 1-d copy: torch.masked_select. */
    public static Tensor maskedSelect(Tensor x, Tensor mask) {
        Kernels.requireDevice("maskedSelect", x, mask);
        int[] shape = Shapes.broadcast("maskedSelect", x.shape(), mask.shape());
        Tensor all = Views.reshape(Views.expand(x, shape), -1);
        Tensor m = Views.reshape(Views.expand(mask, shape), -1);
        return index(all, Index.mask(m));
    }

    /**
     * I32 one-hot rows: out[..., c] = 1 where x[...] == c, with a new last dim of numClasses
     * (-1: the largest value + 1), as torch.nn.functional.one_hot.
     */
    public static Tensor oneHot(Tensor x, int numClasses) {
        if (x.dtype() != DType.I32) throw new IllegalArgumentException("oneHot: expects an I32 tensor, got " + x.dtype());
        int[] values = x.toIntArray();
        int classes = numClasses;
        if (classes == -1) {
            if (values.length == 0) throw new IllegalArgumentException("oneHot: cannot infer numClasses from an empty tensor");
            classes = Arrays.stream(values).max().getAsInt() + 1;
        }
        if (classes < 0) throw new IllegalArgumentException("oneHot: numClasses must be -1 or at least 0, got " + numClasses);
        int[] out = new int[values.length * classes];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException("oneHot: class " + values[i] + " out of range for numClasses " + classes);
            }
            out[i * classes + values[i]] = 1;
        }
        int[] shape = Arrays.copyOf(x.shape(), x.rank() + 1);
        shape[x.rank()] = classes;
        return Tensor.of(out, shape).to(x.device());
    }
}
