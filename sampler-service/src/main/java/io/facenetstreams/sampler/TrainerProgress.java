package io.facenetstreams.sampler;

import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.TrainingProgress;

/**
 * What the sampler takes from {@code training-progress}: the trainer's epoch (stamped on new batches) and
 * the batches it finished, whose window slots it frees. Reports of other models are not ours.
 */
final class TrainerProgress {

    private final String modelName;
    private final InFlightWindow window;
    private int epoch;

    TrainerProgress(String modelName, InFlightWindow window) {
        this.modelName = modelName;
        this.window = window;
    }

    void accept(TrainingProgress report) {
        if (report == null || !modelName.equals(report.getModelName())) {
            return;
        }
        epoch = Math.max(epoch, report.getEpoch());
        if (report.getBatchComplete() && report.getBatchSequence() >= 0) {
            window.completed(report.getBatchSequence());
        }
    }

    int epoch() {
        return epoch;
    }
}
