package io.facenetstreams.core.checkpoint;

import ai.djl.Device;
import io.facenetstreams.core.RandomImages;
import io.facenetstreams.core.model.BatchNormMode;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.OptimizerKind;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {

    static final TrainingOptions OPTIONS = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16)
            .withBatchSize(12).withOptimizer(OptimizerKind.ADAM).withSeed(3);

    @TempDir
    Path dir;

    private TripletTrainer trainer;

    @BeforeEach
    void train() {
        trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, OPTIONS, Device.cpu());
        trainer.step(images(12, 1), 0.01);
        trainer.step(images(12, 2), 0.01);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        trainer.close();
    }

    @Test
    void roundTripGivesTheSameEmbeddingsAndMetadata() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        CheckpointInfo info = store.save(trainer, 0, Map.of("offset.triplets-0", "42"));
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.epoch()).isZero();
        assertThat(info.architecture()).isEqualTo(NetworkArchitecture.SMALL_CNN);
        assertThat(info.embeddingSize()).isEqualTo(16);
        assertThat(info.imageSize()).isEqualTo(32);
        assertThat(info.path()).isEqualTo(dir.resolve("model-000000000002.ckpt"));
        assertThat(info.sha256()).isEqualTo(sha256(info.path()));
        assertThat(info.sizeBytes()).isEqualTo(Files.size(info.path()));
        assertThat(info.metadata()).containsExactly(Map.entry("offset.triplets-0", "42"));
        assertThat(info.trainingOptions()).containsEntry("optimizer", "ADAM").containsEntry("seed", "3");
        assertThat(CheckpointStore.readInfo(info.path())).isEqualTo(info);

        float[][] probe = images(5, 7);
        // Inference mode reads the batch-norm moving statistics: equal embeddings mean they were saved too.
        float[][] expected = trainer.embed(probe, BatchNormMode.INFERENCE, true);
        try (EmbeddingModel loaded = CheckpointStore.load(info.path(), info.sha256().toUpperCase())) {
            assertThat(loaded.architecture()).isEqualTo(NetworkArchitecture.SMALL_CNN);
            assertThat(loaded.embed(probe, BatchNormMode.INFERENCE, true)).isDeepEqualTo(expected);
        }
    }

    @Test
    void resumedTrainerContinuesFromTheCheckpointsStepAndOptimizerState() throws Exception {
        CheckpointInfo info = new CheckpointStore(dir).save(trainer, 0, Map.of());
        double uninterrupted = trainer.step(images(12, 3), 0.01).totalLoss();
        try (TripletTrainer resumed = CheckpointStore.loadTrainer(info.path(), info.sha256(),
                NetworkArchitecture.SMALL_CNN, OPTIONS, Device.cpu())) {
            assertThat(resumed.globalStep()).isEqualTo(2);
            assertThat(resumed.step(images(12, 3), 0.01).totalLoss()).isEqualTo(uninterrupted);
        }
        assertThatThrownBy(() -> CheckpointStore.loadTrainer(info.path(), null, NetworkArchitecture.SMALL_CNN,
                OPTIONS.withImageSize(64), Device.cpu()))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("has image size 32, expected 64");
    }

    @Test
    void aWrongSha256IsRefused() throws Exception {
        CheckpointInfo info = new CheckpointStore(dir).save(trainer, 0, Map.of());
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> CheckpointStore.load(info.path(), wrong))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("has sha256 " + info.sha256())
                .hasMessageContaining("expected " + wrong);
    }

    @Test
    void anotherArchitectureOrEmbeddingSizeIsRefused() throws Exception {
        CheckpointInfo info = new CheckpointStore(dir).save(trainer, 0, Map.of());
        assertThatThrownBy(() -> CheckpointStore.load(info.path(), info.sha256(),
                NetworkArchitecture.INCEPTION_RESNET_V1, 0, Device.cpu()))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("holds a small-cnn network, expected inception-resnet-v1");
        assertThatThrownBy(() -> CheckpointStore.load(info.path(), null, NetworkArchitecture.SMALL_CNN, 128, Device.cpu()))
                .hasMessageContaining("has embedding size 16, expected 128");
    }

    @Test
    void corruptTruncatedAndUnknownVersionFilesAreRefusedClearly() throws Exception {
        Path file = new CheckpointStore(dir).save(trainer, 0, Map.of()).path();
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;  // inside the parameters
        Path corrupt = Files.write(dir.resolve("corrupt.ckpt"), flipped);
        assertThatThrownBy(() -> CheckpointStore.load(corrupt, null))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("does not match its digest");

        Path truncated = Files.write(dir.resolve("truncated.ckpt"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> CheckpointStore.load(truncated, null))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("truncated");

        byte[] future = bytes.clone();
        ByteBuffer.wrap(future).putInt(8, 99);  // format version after the 8-byte magic
        Path newer = Files.write(dir.resolve("newer.ckpt"), future);
        assertThatThrownBy(() -> CheckpointStore.load(newer, null))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("format version 99");

        Path notOne = Files.writeString(dir.resolve("notes.ckpt"), "hello, this is not a checkpoint at all....");
        assertThatThrownBy(() -> CheckpointStore.load(notOne, null))
                .hasMessageContaining("not a FaceNet Streams checkpoint");
    }

    @Test
    void keepsTheLastKAndLeavesNoTemporaryFiles() throws Exception {
        Path stale = Files.writeString(dir.resolve(".model-000000000009.ckpt.123.tmp"), "half a file");
        CheckpointStore store = new CheckpointStore(dir, 2);
        assertThat(stale).doesNotExist();  // a crashed save's leftover
        store.save(trainer, 0, Map.of());                 // version 2
        trainer.step(images(12, 3), 0.01);
        store.save(trainer, 0, Map.of());                 // version 3
        trainer.step(images(12, 4), 0.01);
        CheckpointInfo newest = store.save(trainer, 1, Map.of());  // version 4
        assertThat(store.list()).extracting(CheckpointInfo::version).containsExactly(3L, 4L);
        assertThat(store.latest()).contains(newest);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model-000000000003.ckpt", "model-000000000004.ckpt");
        }
    }

    @Test
    void aDamagedNewestCheckpointDoesNotHideTheNewestValidOne() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        CheckpointInfo older = store.save(trainer, 0, Map.of("offset", "1"));
        trainer.step(images(12, 3), 0.01);
        CheckpointInfo newest = store.save(trainer, 0, Map.of("offset", "2"));
        byte[] bytes = Files.readAllBytes(newest.path());
        Files.write(newest.path(), java.util.Arrays.copyOf(bytes, bytes.length - 1000));  // cut short

        assertThat(store.latest()).map(CheckpointInfo::version).contains(3L);  // its header still reads
        CheckpointInfo valid = store.latestValid().orElseThrow();
        assertThat(valid).isEqualTo(older);
        try (EmbeddingModel model = CheckpointStore.load(valid.path(), valid.sha256())) {
            assertThat(model.embeddingSize()).isEqualTo(16);
        }
        Files.delete(older.path());
        assertThat(store.latestValid()).isEmpty();
        assertThat(new CheckpointStore(dir.resolve("empty")).latest()).isEmpty();
        assertThat(List.of(store.list().size())).containsExactly(1);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static float[][] images(int n, long seed) {
        return RandomImages.of(n, RandomImages.SMALL, seed);
    }
}
