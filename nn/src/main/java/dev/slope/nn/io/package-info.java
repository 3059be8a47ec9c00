/**
 * Checkpoints in the safetensors format of Hugging Face
 * (https://huggingface.co/docs/safetensors): {@link dev.slope.nn.io.SafeTensors} saves named tensors
 * atomically and loads them with every offset, size and dtype checked, so weights move between
 * slope and PyTorch. Uses autograd's {@code Tensor}, Jackson for the JSON header, and the JDK.
 */
package dev.slope.nn.io;
