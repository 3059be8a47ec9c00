package dev.slope.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A train/test pair of disjoint subsets that together cover a dataset, and the seeded random splits
 * behind it, as torch.utils.data.random_split: the samples are permuted by a function of the seed
 * alone (the same split on every run and JDK), then cut into consecutive pieces of the asked sizes.
 */
public record Split(Subset train, Subset test) {

    /** {@code testFraction} of the samples (rounded down) for test, the rest for train. */
    public static Split trainTest(Dataset dataset, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("Split.trainTest: testFraction must be in [0, 1], got " + testFraction);
        }
        int test = (int) Math.floor(dataset.size() * testFraction);
        List<Subset> parts = randomSplit(dataset, new int[] {dataset.size() - test, test}, seed);
        return new Split(parts.get(0), parts.get(1));
    }

    /** Disjoint subsets of the given sizes, which must be non-negative and sum to the dataset's size. */
    public static List<Subset> randomSplit(Dataset dataset, int[] sizes, long seed) {
        long total = 0;
        for (int s : sizes) {
            if (s < 0) throw new IllegalArgumentException("randomSplit: negative size in " + Arrays.toString(sizes));
            total += s;
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: sizes " + Arrays.toString(sizes) + " sum to " + total
                    + ", the dataset has " + dataset.size() + " samples");
        }
        int[] p = Shuffle.permutation(dataset.size(), Shuffle.derive(seed, -1));
        List<Subset> parts = new ArrayList<>(sizes.length);
        int from = 0;
        for (int s : sizes) {
            parts.add(new Subset(dataset, Arrays.copyOfRange(p, from, from + s)));
            from += s;
        }
        return parts;
    }

    /**
     * Disjoint subsets of the given fractions of the dataset, which must be in [0, 1] and sum to 1
     * (within 1e-9). As PyTorch: each size is floor(n * fraction), and the samples left over go one
     * each to the first subsets in turn.
     */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions, long seed) {
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("randomSplit: fractions must be in [0, 1], got " + Arrays.toString(fractions));
            }
            sum += f;
        }
        if (fractions.length == 0 || Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("randomSplit: fractions " + Arrays.toString(fractions) + " sum to " + sum + ", not 1");
        }
        int n = dataset.size();
        int[] sizes = new int[fractions.length];
        int left = n;
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = (int) Math.floor(n * fractions[k]);
            left -= sizes[k];
        }
        for (int k = 0; left > 0; k = (k + 1) % sizes.length, left--) sizes[k]++;
        // fractions summing to 1 + 1e-10 may floor to one sample too many: take it from the last pieces
        for (int k = sizes.length - 1; left < 0; k = (k + sizes.length - 1) % sizes.length) {
            if (sizes[k] > 0) {
                sizes[k]--;
                left++;
            }
        }
        return randomSplit(dataset, sizes, seed);
    }
}
