/**
 * LFW-protocol evaluation of face embeddings, reproducing facenet's {@code lfw.evaluate} (accuracy over
 * k folds, VAL at FAR 1e-3, AUC and EER of the mean ROC) to the last bit on the same embeddings, plus the
 * pair-embeddings CSV format that feeds it, and {@link io.facenetstreams.core.eval.LfwValidation}: the
 * protocol run on a model (pairs, images, embeddings, metrics; facenet's {@code validate_on_lfw}).
 */
package io.facenetstreams.core.eval;
