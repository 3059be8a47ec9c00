package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor cut into pieces along a dim: split, chunk and unbind, as PyTorch. Every piece is a view
 * of the input ({@link Views#narrow} or {@link Views#select}), so its gradient flows back through
 * those views' own backward.
 */
public final class Splitting {
    private Splitting() {}

    /** Pieces of {@code splitSize} along dim (the last one smaller when the size does not divide), as torch.split. */
    public static List<Tensor> split(Tensor x, int splitSize, int dim) {
        int d = ranked("split", x, dim);
        int n = x.shape()[d];
        if (splitSize < 0 || splitSize == 0 && n > 0) {
            throw new IllegalArgumentException("split: split size must be positive, got " + splitSize
                    + " for dim " + d + " of size " + n);
        }
        int pieces = n == 0 ? 1 : (n + splitSize - 1) / splitSize;
        int[] sizes = new int[pieces];
        for (int i = 0; i < pieces; i++) sizes[i] = Math.min(splitSize, n - i * splitSize);
        return pieces(x, sizes, d);
    }

    /** Pieces of the given sizes along dim, which must add up to its size, as torch.split with a list. */
    public static List<Tensor> split(Tensor x, int[] sizes, int dim) {
        int d = ranked("split", x, dim);
        long total = 0;
        for (int s : sizes) {
            if (s < 0) throw new IllegalArgumentException("split: negative size in " + Arrays.toString(sizes));
            total += s;
        }
        if (total != x.shape()[d]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + ", not to size " + x.shape()[d] + " of dim " + d + " (shape " + Shapes.str(x.shape()) + ")");
        }
        return pieces(x, sizes, d);
    }

    /**
     * At most {@code chunks} pieces of equal size ceil(n / chunks) along dim (the last smaller, and
     * fewer pieces when they run out), as torch.chunk.
     */
    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks < 1) throw new IllegalArgumentException("chunk: chunks must be at least 1, got " + chunks);
        int d = ranked("chunk", x, dim);
        int n = x.shape()[d];
        return split(x, (n + chunks - 1) / chunks, d);
    }

    /** The slices x[.., i, ..] along dim, each without that dim, as torch.unbind. */
    public static List<Tensor> unbind(Tensor x, int dim) {
        int d = ranked("unbind", x, dim);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < x.shape()[d]; i++) out.add(Views.select(x, d, i));
        return out;
    }

    private static List<Tensor> pieces(Tensor x, int[] sizes, int d) {
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(Views.narrow(x, d, at, s));
            at += s;
        }
        return out;
    }

    private static int ranked(String op, Tensor x, int dim) {
        if (x.rank() == 0) throw new IllegalArgumentException(op + ": expects a tensor of rank 1 or more, got rank 0");
        return Shapes.axis(op, dim, x.rank());
    }
}
