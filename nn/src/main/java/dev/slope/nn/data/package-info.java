/**
 * Data for training: a {@link dev.slope.nn.data.Dataset} of {@link dev.slope.nn.data.Sample}s,
 * {@link dev.slope.nn.data.TensorDataset} over tensors indexed by their first dimension,
 * {@link dev.slope.nn.data.Subset} and {@link dev.slope.nn.data.Split} (seeded random splits), the
 * {@link dev.slope.nn.data.DataLoader} (batches, a reproducible shuffle per epoch), the
 * {@link dev.slope.nn.data.Idx} file reader and {@link dev.slope.nn.data.Mnist}, with a 20,000-image
 * MNIST subset embedded as resources. Uses autograd's {@code Tensor} and the JDK; never the network.
 */
package dev.slope.nn.data;
