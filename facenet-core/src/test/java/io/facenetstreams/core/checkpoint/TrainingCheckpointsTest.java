package io.facenetstreams.core.checkpoint;

import ai.djl.Device;
import io.facenetstreams.core.model.NetworkArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingCheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void aSavedPositionIsWhereTheNextStartResumes() throws IOException {
        TrainingCheckpoints first = new TrainingCheckpoints(new CheckpointStore(dir, 3), "m", 10);
        TrainingCheckpoints.Resumed created = first.resumeOrCreate(NetworkArchitecture.SMALL_CNN,
                CheckpointStoreTest.OPTIONS, Device.cpu());
        try (var trainer = created.trainer()) {
            assertThat(created.checkpoint()).isNull();
            assertThat(created.position()).isEqualTo(ConsumedPosition.START);
            assertThat(first.save(trainer, new ConsumedPosition(7, 2))).isPresent();
            // The same global step is not written twice.
            assertThat(first.save(trainer, new ConsumedPosition(8, 0))).isEmpty();
        }

        TrainingCheckpoints second = new TrainingCheckpoints(new CheckpointStore(dir, 3), "m", 10);
        TrainingCheckpoints.Resumed resumed = second.resumeOrCreate(NetworkArchitecture.SMALL_CNN,
                CheckpointStoreTest.OPTIONS, Device.cpu());
        try (var trainer = resumed.trainer()) {
            assertThat(resumed.position()).isEqualTo(new ConsumedPosition(7, 2));
            assertThat(resumed.checkpoint().version()).isZero();
            assertThat(resumed.checkpoint().metadata()).containsEntry(TrainingCheckpoints.MODEL_NAME_KEY, "m");
            assertThat(second.last()).isEqualTo(resumed.checkpoint());
            assertThat(second.save(trainer, ConsumedPosition.START)).isEmpty();
        }
    }
}
