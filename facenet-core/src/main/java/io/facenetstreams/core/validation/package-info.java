/** The LFW protocol run on a model: pairs, images, embeddings, metrics (facenet's validate_on_lfw). */
package io.facenetstreams.core.validation;
