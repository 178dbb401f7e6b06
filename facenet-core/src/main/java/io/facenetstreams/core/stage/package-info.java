/**
 * The training loop's stages (embed, mine, train) as plain classes, without Kafka: the sequential baseline
 * runs them in one loop and each service runs the same stage behind its topics, so a stage behaves the same
 * in both. Sampling is {@link io.facenetstreams.core.data.PeopleSampler} and evaluation
 * {@link io.facenetstreams.core.eval.LfwValidation}, used as they are.
 */
package io.facenetstreams.core.stage;
