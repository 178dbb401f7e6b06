/**
 * Pure logic of the streaming pipeline that is not FaceNet's and not Kafka's: the sampler's in-flight window,
 * the model versions an embedder keeps loaded. The services wire these to topics.
 */
package io.facenetstreams.core.pipeline;
