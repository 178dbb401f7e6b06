package io.facenetstreams.core.eval;

import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;
import io.facenetstreams.core.synth.FaceDatasetGenerator;
import io.facenetstreams.core.synth.GeneratorOptions;
import io.facenetstreams.core.synth.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LfwValidationTest {

    @TempDir
    Path data;

    @Test
    void embedsEachDistinctImageOnceAndEvaluatesThePairs() throws IOException {
        new FaceDatasetGenerator(new GeneratorOptions(1, 5, 8, 2, 6, 32, 3, 0.5, 2)).generate(data, ProgressListener.NONE);
        LfwValidation lfw = LfwValidation.prepare(data.resolve("lfw"), data.resolve("pairs.txt"),
                LfwValidation.Options.defaults().withFolds(2));
        assertThat(lfw.pairs()).isEqualTo(2 * 2 * 6);
        assertThat(lfw.distinctImages()).isLessThanOrEqualTo(2 * lfw.pairs()).isGreaterThan(1);
        try (EmbeddingModel model = EmbeddingModel.untrained(new NetworkSpec(NetworkArchitecture.SMALL_CNN, 16, 32, 1f), 1)) {
            LfwValidation.Result first = lfw.evaluate(model);
            LfwValidation.Result second = lfw.evaluate(model);
            LfwEvaluation e = first.evaluation();
            assertThat(first.pairs()).isEqualTo(24);
            assertThat(e.accuracyMean()).isBetween(0.0, 1.0);
            assertThat(second.evaluation().accuracyMean()).as("inference mode: the same model, the same result")
                    .isEqualTo(e.accuracyMean());

            LfwValidation flipped = LfwValidation.prepare(data.resolve("lfw"), data.resolve("pairs.txt"),
                    LfwValidation.Options.defaults().withFolds(2).withFlipped(true));
            assertThat(flipped.evaluate(model).evaluation().accuracyMean()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aMissingImageIsAnErrorNamingIt() throws IOException {
        new FaceDatasetGenerator(new GeneratorOptions(1, 5, 8, 2, 6, 32, 3, 0.5, 2)).generate(data, ProgressListener.NONE);
        var first = io.facenetstreams.core.data.LfwPairs.read(data.resolve("pairs.txt")).entries().get(0);
        Path victim = io.facenetstreams.core.data.LfwPairs.imagePath(data.resolve("lfw"), first.leftName(), first.leftIndex());
        Files.delete(victim);
        assertThatThrownBy(() -> LfwValidation.prepare(data.resolve("lfw"), data.resolve("pairs.txt"),
                LfwValidation.Options.defaults().withFolds(2)))
                .isInstanceOf(IOException.class).hasMessageContaining(victim.getFileName().toString().replace(".png", ""));
    }
}
