/**
 * Using a trained model: the image files to embed, a checkpoint that embeds them in inference mode with the
 * preprocessing it was trained with, the rows written as CSV or NPY, and facenet's {@code compare.py}
 * distance matrix.
 */
package io.facenetstreams.core.inference;
