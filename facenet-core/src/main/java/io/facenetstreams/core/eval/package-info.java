/**
 * LFW-protocol evaluation of face embeddings, reproducing facenet's {@code lfw.evaluate} (accuracy over
 * k folds, VAL at FAR 1e-3, AUC and EER of the mean ROC) to the last bit on the same embeddings, plus the
 * pair-embeddings CSV format that feeds it.
 */
package io.facenetstreams.core.eval;
