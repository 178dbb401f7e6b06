/**
 * One triplet-loss training step as facenet's {@code train_tripletloss.py} takes it: the triplet loss plus
 * L2 weight decay, the reference's five optimizers with TF 1.x's update rules and constants, the learning-rate
 * schedule (exponential decay or a schedule file), and {@link io.facenetstreams.core.train.TripletTrainer}
 * which owns a network and trains it one batch at a time.
 */
package io.facenetstreams.core.train;
