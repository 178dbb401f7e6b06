package io.facenetstreams.core.checkpoint;

import java.util.Map;

/**
 * Where a checkpointed model stands in its input stream of triplet records: the offset of the next record
 * to train on and how many of that record's steps the model already holds. Kept in the checkpoint's
 * metadata, so a restarted trainer continues exactly where the saved model left off: no step twice, none lost.
 *
 * @param offset       the offset of the next triplet record
 * @param stepsInBatch steps of that record already trained (0: none)
 */
public record ConsumedPosition(long offset, int stepsInBatch) {

    /** Metadata keys, named after the topic and partition the offsets are of. */
    public static final String OFFSET_KEY = "consumed.triplets.0.offset";
    public static final String STEPS_KEY = "consumed.triplets.0.steps";

    /** A new model's position: nothing consumed. */
    public static final ConsumedPosition START = new ConsumedPosition(0, 0);

    public ConsumedPosition {
        if (offset < 0 || stepsInBatch < 0) {
            throw new IllegalArgumentException("a consumed position is not negative, got offset " + offset + " after "
                    + stepsInBatch + " step(s)");
        }
    }

    /** The position a checkpoint recorded; a checkpoint without one (written before any) is at the start. */
    public static ConsumedPosition fromMetadata(Map<String, String> metadata) {
        return new ConsumedPosition(Long.parseLong(metadata.getOrDefault(OFFSET_KEY, "0")),
                Integer.parseInt(metadata.getOrDefault(STEPS_KEY, "0")));
    }

    /** The position after step {@code stepIndex} of the record at {@code offset}: a finished record moves on to the next. */
    public static ConsumedPosition afterStep(long offset, int stepIndex, boolean lastStep) {
        return lastStep ? new ConsumedPosition(offset + 1, 0) : new ConsumedPosition(offset, stepIndex + 1);
    }

    /** The metadata entries that record this position in a checkpoint. */
    public Map<String, String> toMetadata() {
        return Map.of(OFFSET_KEY, Long.toString(offset), STEPS_KEY, Integer.toString(stepsInBatch));
    }

    /** The step to start the record at {@code recordOffset} at: past the steps already trained when it is this record. */
    public int firstStepOf(long recordOffset) {
        return recordOffset == offset ? stepsInBatch : 0;
    }
}
