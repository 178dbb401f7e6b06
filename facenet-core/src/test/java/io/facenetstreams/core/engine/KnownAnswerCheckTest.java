package io.facenetstreams.core.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnownAnswerCheckTest {

    @Test
    void passesOnThisMachine() {
        KnownAnswerCheck.Result result = KnownAnswerCheck.run();
        System.out.printf(Locale.ROOT, "known-answer check: %d outputs, max abs difference %.3e, %.1f ms%n",
                result.outputs(), result.maxAbsDifference(), result.nanos() / 1e6);
        assertThat(result.outputs()).isEqualTo(KnownAnswerCheck.BATCH * KnownAnswerCheck.UNITS);
        assertThat(result.maxAbsDifference()).isLessThanOrEqualTo(KnownAnswerCheck.TOLERANCE);
    }

    @Test
    void isStableRunAfterRun() {
        for (int i = 0; i < 5; i++) {
            KnownAnswerCheck.Result result = KnownAnswerCheck.run();
            System.out.printf(Locale.ROOT, "run %d: max abs difference %.3e, %.1f ms%n", i + 1, result.maxAbsDifference(),
                    result.nanos() / 1e6);
            assertThat(result.maxAbsDifference()).isLessThanOrEqualTo(KnownAnswerCheck.TOLERANCE);
        }
    }

    @Test
    void theReferenceIsUnitLengthAndNotDegenerate() {
        double[][] reference = KnownAnswerCheck.reference();
        assertThat(reference).hasDimensions(KnownAnswerCheck.BATCH, KnownAnswerCheck.UNITS);
        for (double[] row : reference) {
            assertThat(Math.sqrt(Arrays.stream(row).map(v -> v * v).sum())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
        // Different images must give different embeddings, or the check would not see a kernel mixing them up.
        assertThat(Math.abs(reference[0][0] - reference[1][0]) + Math.abs(reference[0][1] - reference[1][1])).isGreaterThan(1e-3);
    }

    @Test
    void aWrongAnswerFailsWithOneLineNamingTheCpuTheCheckAndTheFix() {
        double[][] expected = KnownAnswerCheck.reference();
        expected[2][5] += 0.01;
        assertThatThrownBy(() -> KnownAnswerCheck.run(expected))
                .isInstanceOf(EngineCheckException.class)
                .hasMessageStartingWith("known-answer check failed on " + EngineEnvironment.CpuInfo.read().model() + ": ")
                .hasMessageContaining("small conv/batch-norm/pool/linear forward pass gave ")
                .hasMessageContaining(" at output [2][5] (expected ")
                .hasMessageContaining("tolerance 1e-04)")
                .hasMessageContaining("set DNNL_MAX_CPU_ISA=AVX2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aNanOutputFailsEvenWhereTheRestIsRight() {
        double[][] expected = KnownAnswerCheck.reference();
        float[] actual = new float[KnownAnswerCheck.BATCH * KnownAnswerCheck.UNITS];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = (float) expected[i / KnownAnswerCheck.UNITS][i % KnownAnswerCheck.UNITS];
        }
        assertThat(KnownAnswerCheck.compare(actual, expected, 0).maxAbsDifference()).isLessThan(1e-6);
        actual[2 * KnownAnswerCheck.UNITS + 5] = Float.NaN;
        assertThatThrownBy(() -> KnownAnswerCheck.compare(actual, expected, 0))
                .isInstanceOf(EngineCheckException.class)
                .hasMessageContaining("forward pass gave NaN at output [2][5] (expected ");
    }

    @Test
    void verifyRunsOncePerJvmAndReturnsTheFirstResult() {
        KnownAnswerCheck.Result first = EngineCheck.verify("test");
        assertThat(EngineCheck.verify("test")).isSameAs(first);
    }
}
