package io.facenetstreams.evaluator;

import io.facenetstreams.core.eval.LfwEvaluation;
import io.facenetstreams.core.eval.LfwValidation;
import io.facenetstreams.schemas.Evaluation;

/** The evaluator's record mapping: an LFW result of one checkpoint version as the {@link Evaluation} to publish. */
final class EvaluationRecords {

    private EvaluationRecords() {
    }

    static Evaluation of(String modelName, long version, LfwValidation.Result result, long durationMillis,
                         EvaluatorConfig.Evaluator config) {
        LfwEvaluation e = result.evaluation();
        return Evaluation.newBuilder()
                .setModelName(modelName)
                .setVersion(version)
                .setAccuracyMean(e.accuracyMean())
                .setAccuracyStd(e.accuracyStd())
                .setValMean(e.valMean())
                .setValStd(e.valStd())
                .setFarMean(e.farMean())
                .setAuc(e.auc())
                .setEer(e.eer())
                .setBestThreshold(e.threshold())
                .setPairs(result.pairs())
                .setDurationMillis(durationMillis)
                .setDistanceMetric(config.distanceMetric())
                .setSubtractMean(config.subtractMean())
                .setFlipped(config.flipped())
                .build();
    }
}
