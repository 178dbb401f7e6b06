package io.facenetstreams.stack;

/** The five services of the pipeline: their module (where the build puts {@code target/quarkus-app}) and heap. */
public enum PipelineService {
    TRAINER("trainer-service", "768m"),
    SAMPLER("sampler-service", "384m"),
    EMBEDDER("embedder-service", "512m"),
    MINER("miner-service", "512m"),
    EVALUATOR("evaluator-service", "512m");

    private final String module;
    private final String heap;

    PipelineService(String module, String heap) {
        this.module = module;
        this.heap = heap;
    }

    public String module() {
        return module;
    }

    String heap() {
        return heap;
    }
}
