package dev.slope.autograd.gen;

import dev.slope.autograd.ops.OpInfo;
import dev.slope.autograd.ops.OpInfo.Domain;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generates {@link OpCase}s for a registered op from its signature and domain. */
public final class OpCases {
    private OpCases() {}

    /** Input shapes for an op's signature; every signature has a generator (the switch is exhaustive). */
    public static Gen<int[][]> shapes(OpInfo op) {
        int n = op.arity();
        return switch (op.signature()) {
            case ANY -> TensorGen.shapes(0, 4, 3).map(s -> repeat(s, n));
            case RANKED -> TensorGen.shapes(1, 4, 3).map(s -> repeat(s, n));
            case SAME -> TensorGen.shapes(0, 3, 3).map(s -> repeat(s, n));
            case BROADCAST -> TensorGen.broadcastPairs(3, 3);
            case MATMUL -> TensorGen.matmulPairs(3);
            case VECTORS -> Generate.range(1, 5, 1).map(k -> new int[][] {{k}, {k}});
            case IMAGE -> TensorGen.images().map(s -> repeat(s, n));
            case CONV -> Generate.intArrays(Generate.constant(4), Generate.range(0, 5, 0)).map(b -> {
                int batch = 1 + b[0] % 2, c = 1 + b[1] % 2, o = 1 + b[2] % 2, k = 1 + b[3] % 2;
                int[][] s = {{batch, c, 4, 3 + b[3] % 2}, {o, c, k, k}, {o}};
                return Arrays.copyOf(s, n);
            });
            // ---- convolution, pooling, resizing (issue 16)
            case GROUPED_CONV -> Generate.intArrays(Generate.constant(7), Generate.range(0, 5, 0)).map(b -> {
                int batch = 1 + b[0] % 2, g = 1 + b[1] % 3, c = 1 + b[2] % 2, o = 1 + b[3] % 2;
                int[][] s = {{batch, g * c, 3 + b[4] % 2, 3 + b[5] % 2}, {g * o, c, 1 + b[6] % 3, 1 + b[4] % 2}, {g * o}};
                return Arrays.copyOf(s, n);
            });
        };
    }

    /** Whole cases: shapes, then views, raw values and parameters that fit them. */
    public static Gen<OpCase> cases(OpInfo op) {
        boolean aliasingBreaksDomain = op.domain() == Domain.DISTINCT || op.domain() == Domain.SEPARATED;
        return shapes(op).flatMap(shapes -> {
            int views = aliasingBreaksDomain ? 3 : 4; // EXPANDED repeats values, which would make ties
            Gen<int[]> viewGen = Generate.intArrays(Generate.constant(shapes.length), Generate.range(0, views - 1, 0));
            int total = 0;
            for (int[] s : shapes) total += 2 * Arrays.stream(s).reduce(1, (a, b) -> a * b);
            Gen<double[]> raw = TensorGen.rawWithEdges(total);
            Gen<int[]> params = Generate.intArrays(Generate.constant(16), Generate.range(0, 1 << 20, 0));
            return viewGen.zip(raw, params, (v, r, p) -> new OpCase(op, shapes,
                    Arrays.stream(v).mapToObj(i -> View.values()[i]).toArray(View[]::new), r, p));
        }).describedAs(OpCase::toString);
    }

    private static int[][] repeat(int[] s, int n) {
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = s.clone();
        return out;
    }
}
