package io.facenetstreams.trainer;

import ai.djl.Device;
import io.facenetstreams.core.data.DatasetRoot;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.stage.TrainStage;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletTrainer;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;
import io.facenetstreams.service.BatchPreprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer's stage wiring without a broker: a {@code TripletBatch} record through the mapping and the train
 * stage (a real small network on tiny images) to the progress records the service publishes.
 */
class TrainingWiringTest {

    @TempDir
    Path data;

    @Test
    void aTripletRecordTrainsItsStepsAndItsLastStepClosesThePeopleBatch() throws IOException {
        List<ImageRef> images = new ArrayList<>();
        for (String path : List.of("a/a_1.png", "a/a_2.png", "b/b_1.png", "b/b_2.png")) {
            writeImage(data.resolve(path), path.hashCode());
            images.add(ImageRef.newBuilder().setPath(path).build());
        }
        // 4 triplets at batch size 6 (2 triplets a step): 2 steps.
        List<Triplet> triplets = List.of(triplet(0, 1, 2), triplet(1, 0, 3), triplet(2, 3, 0), triplet(3, 2, 1));
        TripletBatch batch = TripletBatch.newBuilder(TrainingRecordsTest.batch(triplets, 0, 1, null))
                .setImages(images).setModelVersion(0).build();
        TrainingOptions options = TrainingOptions.defaults().withImageSize(32).withEmbeddingSize(16).withBatchSize(6)
                .withSeed(3);
        TrainingRecords records = new TrainingRecords("facenet", 100, step -> 0.05, "http://127.0.0.1:1",
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        List<TrainingProgress> progress = new ArrayList<>();
        try (TripletTrainer trainer = TripletTrainer.create(NetworkArchitecture.SMALL_CNN, options, Device.cpu())) {
            new TrainStage(DatasetRoot.of(data)).train(trainer, TrainingRecords.triplets(batch),
                    BatchPreprocessing.of(batch.getConfig(), trainer.spec().imageSize()), batch.getAlpha(), step -> 0.05,
                    options.seed(), TrainStage.partKey(batch.getSequence(), batch.getPart()), 0, report -> {
                        progress.add(records.step(batch, trainer.globalStep(), report));
                        return true;
                    });
        }
        assertThat(progress).extracting(TrainingProgress::getStep).containsExactly(1L, 2L);
        assertThat(progress).extracting(TrainingProgress::getBatchComplete).containsExactly(false, true);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.getBatchId()).isEqualTo("b-000004");
            assertThat(p.getSkipped()).isNull();
            assertThat(p.getLoss()).isFinite();
            assertThat(p.getTriplets()).isEqualTo(2);
            assertThat(p.getLearningRate()).isEqualTo(0.05);
        });
        assertThat(progress.get(1).getStaleness()).isEqualTo(2);
    }

    private static Triplet triplet(int a, int p, int n) {
        return Triplet.newBuilder().setAnchor(a).setPositive(p).setNegative(n).build();
    }

    private static void writeImage(Path file, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
