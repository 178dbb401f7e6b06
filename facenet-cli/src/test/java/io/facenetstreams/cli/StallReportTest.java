package io.facenetstreams.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StallReportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_000 * SECOND;

    private final StallReport report = new StallReport(Duration.ofSeconds(60), START, ZoneOffset.UTC);

    @Test
    void eachBatchIsCountedInTheStageThatHoldsIt() {
        report.onPeopleBatch("b-000000007", 6);
        report.onPeopleBatch("b-000000008", 6);
        report.onPeopleBatch("b-000000009", 2);
        report.onPeopleBatch("b-000000010", 2);
        report.onPeopleBatch("b-000000011", 2);
        for (int chunk : new int[] {0, 1, 1, 4}) {
            report.onChunk("b-000000007", chunk);
        }
        report.onChunk("b-000000009", 0);
        report.onChunk("b-000000009", 1);
        report.onChunk("b-000000010", 0);
        report.onChunk("b-000000010", 1);
        report.onTriplets("b-000000010");
        report.onChunk("b-000000011", 1);
        report.onChunk("b-000000011", 0);
        report.onTriplets("b-000000011");
        report.onBatchComplete("b-000000011");

        StallReport.Stages stages = report.stages();
        assertThat(stages.embedding()).as("a repeated chunk counts once").containsExactly("b-000000007", "b-000000008");
        assertThat(stages.mining()).containsExactly("b-000000009");
        assertThat(stages.training()).containsExactly("b-000000010");

        List<String> lines = report.render(START + 61 * SECOND, Map.of());
        assertThat(lines).containsExactly(
                "STALLED: no training step for 61 s (none yet since the pipeline started)",
                "  waiting in embedders: 2 batches emitted but not fully embedded (b-000000007 3/6 chunks, b-000000008 0/6)",
                "  waiting in miner:     1 batch embedded but not mined (b-000000009)",
                "  waiting in trainer:   1 batch mined but not trained (b-000000010)",
                "  newest dead letters: none");
    }

    @Test
    void recordsMayArriveInAnyOrderAcrossTopicsAndLateOnesOfATrainedBatchAreIgnored() {
        report.onChunk("b-1", 0);
        report.onBatchComplete("b-2");
        report.onPeopleBatch("b-1", 1);
        report.onPeopleBatch("b-2", 1);
        report.onChunk("b-2", 0);
        report.onTriplets("b-2");

        StallReport.Stages stages = report.stages();
        assertThat(stages.embedding()).isEmpty();
        assertThat(stages.mining()).containsExactly("b-1");
        assertThat(stages.training()).isEmpty();
    }

    @Test
    void longListsAreCutAndNothingInFlightPointsAtTheSampler() {
        assertThat(report.render(START, Map.of())).contains("  waiting in sampler:   no batch in flight (none emitted, or all trained)");
        for (int i = 0; i < 7; i++) {
            report.onPeopleBatch("b-" + i, 1);
            report.onChunk("b-" + i, 0);
        }
        assertThat(report.render(START, Map.of()).get(2))
                .isEqualTo("  waiting in miner:     7 batches embedded but not mined (b-0, b-1, b-2, b-3, b-4, ... 2 more)");
        assertThat(report.render(START, Map.of())).noneMatch(line -> line.contains("sampler"));
    }

    @Test
    void theHeaderNamesTheLastStepAndTheDownServicesFollowTheStages() {
        report.onStep(119, Instant.parse("2024-01-01T03:12:04Z"), START + 5 * SECOND);
        report.onStep(120, Instant.parse("2024-01-01T03:12:05Z"), START + 10 * SECOND);
        Map<String, String> down = new LinkedHashMap<>();
        down.put("embedder-2", "worker died: java.lang.OutOfMemoryError: Java heap space");
        down.put("miner", "health not answering (connection refused)");

        List<String> lines = report.render(START + 70 * SECOND, down);

        assertThat(lines.get(0)).isEqualTo("STALLED: no training step for 60 s (last step 120 at 03:12:05)");
        assertThat(lines).containsSubsequence(
                "  waiting in trainer:   0 batches mined but not trained",
                "  service embedder-2 health DOWN: worker died: java.lang.OutOfMemoryError: Java heap space",
                "  service miner health DOWN: health not answering (connection refused)",
                "  newest dead letters: none");
    }

    @Test
    void aServiceThatTurnsDownIsReportedWithTheSameStagesWhileTrainingGoesOn() {
        report.onStep(40, Instant.parse("2024-01-01T03:12:05Z"), START + 10 * SECOND);
        report.onPeopleBatch("b-1", 2);
        List<String> lines = report.renderDown(START + 12 * SECOND, Map.of("evaluator", "worker died: java.lang.OutOfMemoryError"));
        assertThat(lines.get(0)).isEqualTo("SERVICE DOWN: evaluator (last training step 40 at 03:12:05)");
        assertThat(lines).contains("  waiting in embedders: 1 batch emitted but not fully embedded (b-1 0/2 chunks)",
                "  service evaluator health DOWN: worker died: java.lang.OutOfMemoryError");
    }

    @Test
    void aSlowStartIsNotAStall() {
        report.onStarted(START + 50 * SECOND);
        assertThat(report.due(START + 100 * SECOND)).as("60 s counted from when the services started").isFalse();
        assertThat(report.due(START + 110 * SECOND)).isTrue();
    }

    @Test
    void deadLettersShowTheNewestDistinctReasonsWithTheirCounts() {
        Instant t = Instant.parse("2024-01-01T03:11:00Z");
        report.onDeadLetter("embedder-1", "embedding-requests", "image a.png unreadable", t);
        report.onDeadLetter("miner", "embeddings", "chunk 2 of b-000000007\n  is from model 3, expected 4", t.plusSeconds(1));
        report.onDeadLetter("sampler", "checkpoints", "bad checkpoint", t.plusSeconds(2));
        report.onDeadLetter("miner", "embeddings", "chunk 2 of b-000000007  is from model 3, expected 4", t.plusSeconds(3));
        report.onDeadLetter("miner", "embeddings", "chunk 2 of b-000000007 is from model 3, expected 4", t.plusSeconds(4));
        report.onDeadLetter("trainer", "triplets", "x".repeat(500), t.plusSeconds(5));

        List<String> lines = report.render(START, Map.of());
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  newest dead letters: ")).findFirst().orElseThrow());
        assertThat(lines.subList(first, lines.size())).hasSize(3);
        assertThat(lines.get(first)).startsWith("  newest dead letters: [trainer, triplets] xxx").endsWith("..., newest at 03:11:05")
                .hasSizeLessThan(300);
        assertThat(lines.get(first + 1)).isEqualTo(
                "                       [miner, embeddings] chunk 2 of b-000000007 is from model 3, expected 4 (x3), newest at 03:11:04");
        assertThat(lines.get(first + 2)).isEqualTo("                       [sampler, checkpoints] bad checkpoint, newest at 03:11:02");
    }

    @Test
    void aReportIsDueAfterATimeoutWithoutAStepThenEveryTimeoutWhileTheStallLasts() {
        assertThat(report.due(START + 59 * SECOND)).isFalse();
        assertThat(report.due(START + 60 * SECOND)).as("counted from the pipeline start").isTrue();
        assertThat(report.due(START + 61 * SECOND)).as("once per timeout").isFalse();
        assertThat(report.due(START + 119 * SECOND)).isFalse();
        assertThat(report.due(START + 120 * SECOND)).as("repeated while the stall lasts").isTrue();

        report.onStep(1, Instant.EPOCH, START + 130 * SECOND);
        assertThat(report.due(START + 180 * SECOND)).as("counted from the last step").isFalse();
        assertThat(report.due(START + 190 * SECOND)).isTrue();
        assertThat(report.render(START + 190 * SECOND, Map.of()).get(0)).startsWith("STALLED: no training step for 60 s (last step 1 at");
    }
}
