package dev.slope.autograd;

/**
 * One item of a PyTorch-style subscript, for {@link Tensor#index} and {@link Tensor#indexPut}:
 * Python's {@code x[1::2, -1, :, None, idx, mask, ...]} is
 *
 * <pre>{@code
 * x.index(Index.slice(1, null, 2), Index.at(-1), Index.all(), Index.none(),
 *         Index.tensor(idx), Index.mask(mask), Index.ellipsis())
 * }</pre>
 *
 * Integers and slices give views; index tensors and masks (advanced indexing) give copies, with
 * PyTorch's rule for where the indexed dims go: the broadcast shape of the index tensors replaces
 * the indexed dims in place when those are adjacent, and comes first otherwise.
 */
public sealed interface Index {

    /** One position along a dim, which drops the dim: {@code x[i]}; negative counts from the end. */
    static Index at(int i) { return new At(i); }

    /** {@code x[start:end]}; a null bound is open, negative bounds count from the end, bounds are clamped. */
    static Index slice(Integer start, Integer end) { return new Slice(start, end, null); }

    /** {@code x[start:end:step]}; nulls as in Python, the step positive. */
    static Index slice(Integer start, Integer end, Integer step) { return new Slice(start, end, step); }

    /** The whole dim: {@code x[:]}. */
    static Index all() { return new Slice(null, null, null); }

    /** A new size-1 dim: {@code x[None]} (numpy.newaxis). */
    static Index none() { return NewAxis.INSTANCE; }

    /** As many {@link #all()} as the other items leave dims: {@code x[..., 0]}. At most one per subscript. */
    static Index ellipsis() { return Ellipsis.INSTANCE; }

    /** Positions (I32, any shape, negative from the end) along one dim: advanced indexing, a copy. */
    static Index tensor(Tensor indices) { return new Indices(indices); }

    /** A mask over the next {@code mask.rank()} dims (nonzero = selected, any dtype): {@code x[mask]}, a copy. */
    static Index mask(Tensor mask) { return new Mask(mask); }

    /** See {@link Index#at}. */
    record At(int i) implements Index {}

    /** See {@link Index#slice(Integer, Integer, Integer)}; null fields are Python's omitted bounds. */
    record Slice(Integer start, Integer end, Integer step) implements Index {}

    /** See {@link Index#none}. */
    enum NewAxis implements Index { INSTANCE }

    /** See {@link Index#ellipsis}. */
    enum Ellipsis implements Index { INSTANCE }

    /** See {@link Index#tensor}. */
    record Indices(Tensor indices) implements Index {}

    /** See {@link Index#mask}. */
    record Mask(Tensor mask) implements Index {}
}
