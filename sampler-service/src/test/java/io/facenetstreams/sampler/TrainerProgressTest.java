package io.facenetstreams.sampler;

import io.facenetstreams.core.pipeline.InFlightWindow;
import io.facenetstreams.schemas.TrainingProgress;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerProgressTest {

    private final InFlightWindow window = new InFlightWindow(2, Duration.ofMinutes(10), Clock.systemUTC());
    private final TrainerProgress trainer = new TrainerProgress("facenet", window);

    @Test
    void aCompletedBatchFreesItsSlot() {
        window.emitted(4);
        window.emitted(5);
        assertThat(window.hasRoom()).isFalse();

        trainer.accept(report("facenet", 0, 4, true));

        assertThat(window.sequences()).containsExactly(5L);
        assertThat(window.hasRoom()).isTrue();
    }

    @Test
    void stepsWithinABatchAndReportsWithoutABatchFreeNothing() {
        window.emitted(4);

        trainer.accept(report("facenet", 0, 4, false));
        trainer.accept(report("facenet", 0, -1, true));

        assertThat(window.sequences()).containsExactly(4L);
    }

    @Test
    void followsTheHighestEpochOfItsOwnModelOnly() {
        window.emitted(4);

        trainer.accept(report("facenet", 3, 1, false));
        trainer.accept(report("facenet", 2, 2, false));
        trainer.accept(report("other", 9, 4, true));
        trainer.accept(null);

        assertThat(trainer.epoch()).isEqualTo(3);
        assertThat(window.sequences()).containsExactly(4L);
    }

    private static TrainingProgress report(String model, int epoch, long sequence, boolean complete) {
        return TrainingProgress.newBuilder().setModelName(model).setStep(1).setEpoch(epoch)
                .setBatchId(PeopleBatchRecords.batchId(sequence)).setBatchSequence(sequence).setBatchComplete(complete)
                .setLoss(0.1).setLearningRate(0.05).setStaleness(0).setStepMillis(1)
                .setTimestamp(java.time.Instant.EPOCH).build();
    }
}
