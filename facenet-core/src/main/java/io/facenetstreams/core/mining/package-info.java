/**
 * Triplet selection (the reference's {@code select_triplets}): which (anchor, positive, negative) triplets of a
 * people-batch's embeddings the trainer learns from. {@link io.facenetstreams.core.mining.ReferenceTripletSelection}
 * is the literal port kept as the oracle; {@link io.facenetstreams.core.mining.TripletSelector} gives the same
 * candidate sets orders of magnitude faster, with the strategies of {@link io.facenetstreams.core.mining.MiningStrategy}.
 */
package io.facenetstreams.core.mining;
