package io.facenetstreams.evaluator;

import io.facenetstreams.core.eval.DistanceMetric;
import io.facenetstreams.core.eval.EvaluationOptions;
import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.eval.LfwValidation;
import io.facenetstreams.schemas.Evaluation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationRecordsTest {

    @Test
    void theResultAndTheOptionsItWasComputedWithGoOnTheRecord() {
        LfwEvaluation e = new LfwEvaluation(0.91, 0.02, 0.4, 0.05, 0.0011, 0.97, 0.08, 1.23, 6000,
                new EvaluationOptions(10, DistanceMetric.SQUARED_EUCLIDEAN, false),
                new double[10], new double[10], new double[10], new double[] {0, 1}, new double[] {0, 1});
        Evaluation record = EvaluationRecords.of("facenet", 300, new LfwValidation.Result(e, 6000, 0, 1500), 1700,
                config(1, true, true));
        assertThat(record.getModelName()).isEqualTo("facenet");
        assertThat(record.getVersion()).isEqualTo(300);
        assertThat(record.getAccuracyMean()).isEqualTo(0.91);
        assertThat(record.getAccuracyStd()).isEqualTo(0.02);
        assertThat(record.getValMean()).isEqualTo(0.4);
        assertThat(record.getValStd()).isEqualTo(0.05);
        assertThat(record.getFarMean()).isEqualTo(0.0011);
        assertThat(record.getAuc()).isEqualTo(0.97);
        assertThat(record.getEer()).isEqualTo(0.08);
        assertThat(record.getBestThreshold()).isEqualTo(1.23);
        assertThat(record.getPairs()).isEqualTo(6000);
        assertThat(record.getDurationMillis()).isEqualTo(1700);
        assertThat(record.getDistanceMetric()).isEqualTo(1);
        assertThat(record.getSubtractMean()).isTrue();
        assertThat(record.getFlipped()).isTrue();
    }

    /** The three settings the record carries; the rest of the configuration is not read. */
    private static EvaluatorConfig.Evaluator config(int metric, boolean subtractMean, boolean flipped) {
        return (EvaluatorConfig.Evaluator) Proxy.newProxyInstance(EvaluatorConfig.Evaluator.class.getClassLoader(),
                new Class<?>[] {EvaluatorConfig.Evaluator.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "distanceMetric" -> metric;
                    case "subtractMean" -> subtractMean;
                    case "flipped" -> flipped;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
