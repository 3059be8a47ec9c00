package dev.slope.autograd.backend.cpu;

import dev.slope.autograd.backend.Layout;
import java.util.Arrays;

/**
 * The batched matrix product out[p] = a[p] b[p] as both CPU backends read it off the operands'
 * layouts: a[p] is m x k, b[p] is k x n, the leading axes are the batch; the row and column strides
 * of a and b, and where each batch's matrices start. One place for what the scalar reference and
 * the Vector API kernels agree on.
 */
record BatchedProduct(int m, int k, int n, int batches, Layout aBatch, Layout bBatch, int ars, int acs, int brs, int bcs) {

    static BatchedProduct of(Layout al, Layout bl) {
        int r = al.rank();
        int[] batchShape = Arrays.copyOf(al.shape(), r - 2);
        return new BatchedProduct(al.shape()[r - 2], al.shape()[r - 1], bl.shape()[r - 1], Layout.numel(batchShape),
                new Layout(batchShape, Arrays.copyOf(al.strides(), r - 2), al.offset()),
                new Layout(batchShape, Arrays.copyOf(bl.strides(), r - 2), bl.offset()),
                al.strides()[r - 2], al.strides()[r - 1], bl.strides()[r - 2], bl.strides()[r - 1]);
    }

    /** Where a's matrix of batch p starts. */
    int aOffset(int p) { return aBatch.offsetOf(p); }

    /** Where b's matrix of batch p starts. */
    int bOffset(int p) { return bBatch.offsetOf(p); }
}
