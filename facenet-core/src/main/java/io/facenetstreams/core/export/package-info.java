/**
 * A trained model in files other tools read: its parameters as safetensors (with a config naming the network,
 * its input and its tensors, for the PyTorch module in {@code tools/pytorch}), and arrays as NumPy {@code .npy}.
 */
package io.facenetstreams.core.export;
