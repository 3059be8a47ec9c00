/**
 * Checkpoints in the safetensors format of Hugging Face
 * (https://huggingface.co/docs/safetensors): {@link dev.slope.nn.io.SafeTensors} saves named tensors
 * atomically with CRC32C checksums ({@code Checksums}) and loads them with every offset, size, dtype
 * and checksum checked, so weights move between slope and PyTorch and a damaged file is refused.
 * Uses autograd's {@code Tensor}, Jackson for the JSON header, and the JDK.
 */
package dev.slope.nn.io;
