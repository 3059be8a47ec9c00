package dev.slope.autograd.gen;

import dev.slope.autograd.ops.OpInfo.Domain;

/**
 * Maps a raw generated number u in [-1, 1] to a value in an op's domain. u shrinks towards 0, so a
 * failure is reported with the simplest values the domain allows.
 */
public final class Values {
    private Values() {}

    /**
     * @param input   which input of the op (SEPARATED puts input 0 and 1 on interleaved grids)
     * @param element row-major index of the element in its input (DISTINCT spreads them apart)
     */
    public static double map(Domain domain, int input, int element, double u) {
        return switch (domain) {
            case REAL -> 2 * u;
            case POSITIVE -> 0.25 + 1.75 * Math.abs(u);
            case AWAY_FROM_ZERO -> (u < 0 ? -1 : 1) * (0.2 + 1.8 * Math.abs(u));
            // distinct grid points 0.003 apart for up to 997 elements (37 is invertible mod the prime 997),
            // jitter below a third of the gap, so pinned edges (u = +-1 on two elements) cannot tie; the grid
            // sits off-symmetric by half a step, so |x| are distinct too (by 0.0005 at least): norm(p = inf)
            // and abs-max have no ties either
            case DISTINCT -> 0.003 * ((37 * element + 11) % 997) - 1.49475 + 0.0005 * u;
            case SEPARATED -> {
                long k = Math.round(5 * u);
                double frac = 5 * u - k;
                yield 0.4 * k + (input % 2 == 0 ? 0.1 : 0.3) + 0.04 * frac;
            }
        };
    }
}
