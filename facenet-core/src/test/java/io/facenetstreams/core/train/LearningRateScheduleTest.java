package io.facenetstreams.core.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

    @TempDir
    Path dir;

    @Test
    void exponentialDecayIsAStaircaseOverDecayEpochsTimesEpochSize() {
        // lr 0.1, every 2 epochs of 10 steps x 0.5: steps 0-19 0.1, 20-39 0.05, 40-59 0.025.
        LearningRateSchedule s = LearningRateSchedule.exponential(0.1, 2, 0.5, 10);
        assertThat(s.forStep(0)).isEqualTo(0.1);
        assertThat(s.forStep(19)).isEqualTo(0.1);
        assertThat(s.forStep(20)).isEqualTo(0.05);
        assertThat(s.forStep(45)).isEqualTo(0.025);
    }

    @Test
    void referenceDefaultsKeepTheRateConstant() {
        LearningRateSchedule s = LearningRateSchedule.from(TrainingOptions.defaults());
        assertThat(s.forStep(0)).isEqualTo(0.1);
        assertThat(s.forStep(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void scheduleFileGivesTheLastEntryAtOrBeforeTheEpochAndKeepsTheLastPastTheEnd() throws Exception {
        Path file = dir.resolve("schedule.txt");
        Files.writeString(file, "# Learning rate schedule\n0: 0.1\n\n10: 0.01   # after 10 epochs\n20:0.001\n");
        LearningRateSchedule s = LearningRateSchedule.from(
                TrainingOptions.defaults().withLearningRate(-1).withLearningRateScheduleFile(file).withEpochSize(100));
        assertThat(s.forStep(0, 0)).isEqualTo(0.1);
        assertThat(s.forStep(999, 9)).isEqualTo(0.1);
        assertThat(s.forStep(1000, 10)).isEqualTo(0.01);
        assertThat(s.forStep(1999)).isEqualTo(0.01);  // epoch 19 from step / epoch size
        assertThat(s.forStep(2000, 20)).isEqualTo(0.001);
        assertThat(s.forStep(50_000, 500)).isEqualTo(0.001);  // the reference returned None here
    }

    @Test
    void theReferencesExponentialDecayAlsoAppliesToScheduleFileRates() {
        // The reference feeds the file's rate into tf.train.exponential_decay: 0.01 * 0.5^floor(250 / (2 * 100)).
        LearningRateSchedule s = LearningRateSchedule.fromEntries(
                List.of(new LearningRateSchedule.Entry(0, 0.01)), "test", 2, 0.5, 100);
        assertThat(s.forStep(250, 2)).isCloseTo(0.005, within(1e-15));
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() {
        assertThatThrownBy(() -> LearningRateSchedule.parse(List.of("# c", "0: 0.1", "5 0.01"), "f.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("f.txt:3:")
                .hasMessageContaining("expected 'epoch: learning_rate'");
        assertThatThrownBy(() -> LearningRateSchedule.parse(List.of("x: 0.1"), "f.txt"))
                .hasMessageContaining("f.txt:1: epoch is not an integer: 'x'");
        assertThatThrownBy(() -> LearningRateSchedule.parse(List.of("0: fast"), "f.txt"))
                .hasMessageContaining("f.txt:1: learning rate is not a number: 'fast'");
        assertThatThrownBy(() -> LearningRateSchedule.parse(List.of("0: 0.1", "0: 0.2"), "f.txt"))
                .hasMessageContaining("f.txt:2: epochs must increase");
    }

    @Test
    void aMissingFileOrAnEpochBeforeTheFirstEntryIsAClearError() throws Exception {
        TrainingOptions missing = TrainingOptions.defaults().withLearningRate(-1)
                .withLearningRateScheduleFile(dir.resolve("nope.txt"));
        assertThatThrownBy(() -> LearningRateSchedule.from(missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("learning rate schedule file not found")
                .hasMessageContaining("nope.txt");
        Path file = dir.resolve("late.txt");
        Files.writeString(file, "5: 0.1\n");
        LearningRateSchedule s = LearningRateSchedule.from(
                TrainingOptions.defaults().withLearningRate(-1).withLearningRateScheduleFile(file));
        assertThatThrownBy(() -> s.forStep(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rate for epoch 0");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n");
        assertThatThrownBy(() -> LearningRateSchedule.readScheduleFile(empty)).hasMessageContaining("no entries");
    }
}
