package dev.slope.nn.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Batches over a {@link Dataset}, as torch.utils.data.DataLoader:
 *
 * <pre>{@code
 * var loader = new DataLoader(Mnist.train(), 64, true, 42, false);
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Sample batch : loader) { ... }   // each pass is the next epoch
 * }
 * }</pre>
 *
 * With {@code shuffle}, the order of epoch {@code e} is a permutation that is a function of
 * {@code (seed, e)} alone, the same on every run and every JDK, so training resumes exactly where
 * it stopped: {@link #setEpoch(long)} (as DistributedSampler.set_epoch) or {@link #epoch(long)}.
 * Without it, samples come in index order. Batches hold {@code batchSize} samples, the last one
 * fewer unless {@code dropLast} leaves it out. Each pass visits every sample exactly once (every
 * sample but the dropped tail with {@code dropLast}).
 */
public final class DataLoader implements Iterable<Sample> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private long nextEpoch;

    /**
     * @param batchSize samples per batch, at least 1
     * @param shuffle   a fresh permutation each epoch, from {@code seed}; else index order
     * @param dropLast  leave out the last batch when it has fewer than {@code batchSize} samples
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        Objects.requireNonNull(dataset, "DataLoader: dataset is null");
        if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** In index order, keeping the last, short batch (as PyTorch's defaults). */
    public DataLoader(Dataset dataset, int batchSize) { this(dataset, batchSize, false, 0, false); }

    public Dataset dataset() { return dataset; }

    public int batchSize() { return batchSize; }

    /** Batches per epoch: ceil(n / batchSize), or floor with dropLast. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The epoch that the next {@link #iterator()} runs (0 at first). */
    public long nextEpoch() { return nextEpoch; }

    /** Makes the next {@link #iterator()} run epoch {@code epoch}: to resume a run. */
    public void setEpoch(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("DataLoader.setEpoch: epoch must be >= 0, got " + epoch);
        nextEpoch = epoch;
    }

    /** The order in which epoch {@code epoch} visits the samples: a permutation of 0..n-1. */
    public int[] order(long epoch) {
        int n = dataset.size();
        if (!shuffle) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            return p;
        }
        return Shuffle.permutation(n, Shuffle.derive(seed, epoch));
    }

    /** The batches of the next epoch; each call advances the epoch by one. */
    @Override public Iterator<Sample> iterator() { return epoch(nextEpoch++).iterator(); }

    /** The batches of epoch {@code epoch}, which may be passed over any number of times; changes no state. */
    public Iterable<Sample> epoch(long epoch) {
        int[] order = order(epoch);
        int batches = numBatches();
        return () -> new Iterator<>() {
            private int b;

            @Override public boolean hasNext() { return b < batches; }

            @Override public Sample next() {
                if (b >= batches) throw new NoSuchElementException("DataLoader: epoch " + epoch + " has " + batches + " batches");
                int from = b++ * batchSize;
                return dataset.batch(Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length)));
            }
        };
    }

    @Override public String toString() {
        return "DataLoader(" + dataset.size() + " samples, batchSize " + batchSize + (shuffle ? ", shuffle seed " + seed : "")
                + (dropLast ? ", dropLast" : "") + ", " + numBatches() + " batches)";
    }
}
