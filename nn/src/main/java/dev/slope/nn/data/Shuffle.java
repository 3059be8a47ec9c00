package dev.slope.nn.data;

/**
 * Seeded permutations that are the same on every JDK: a Fisher-Yates shuffle driven by SplitMix64
 * (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), written
 * out here rather than borrowed from java.util.random, whose bounded draws are not specified.
 */
final class Shuffle {
    private Shuffle() {}

    /** A permutation of 0..n-1 that is a function of {@code seed} alone. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        long state = seed;
        for (int i = n - 1; i > 0; i--) {
            state += GOLDEN;
            // high 64 bits of z * (i + 1): a draw in [0, i]; the bias is below 2^-32 for any n < 2^31
            int j = (int) Math.unsignedMultiplyHigh(mix(state), i + 1L);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A seed for stream {@code k} of {@code seed} (epoch k of a loader), well apart from its neighbours. */
    static long derive(long seed, long k) {
        return mix(mix(seed) + GOLDEN * (k + 1));
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** The SplitMix64 finalizer (a variant of MurmurHash3's fmix64). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
