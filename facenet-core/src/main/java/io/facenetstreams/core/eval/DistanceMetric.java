package io.facenetstreams.core.eval;

/** How the distance of an embedding pair is measured; the codes are facenet's {@code distance_metric}. */
public enum DistanceMetric {
    /** Metric 0: squared Euclidean distance, the sum of squared differences. */
    SQUARED_EUCLIDEAN(0, "squared Euclidean"),
    /** Metric 1: {@code arccos(cosine similarity) / pi}, in [0, 1]. */
    ANGULAR(1, "arccos(cosine)/pi");

    private final int code;
    private final String description;

    DistanceMetric(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** facenet's {@code distance_metric} number. */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static DistanceMetric fromCode(int code) {
        for (DistanceMetric metric : values()) {
            if (metric.code == code) {
                return metric;
            }
        }
        throw new IllegalArgumentException("distance metric must be 0 (squared Euclidean) or 1 (arccos(cosine)/pi), got "
                + code);
    }
}
