package io.facenetstreams.evaluator;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.ServiceWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;

/** The evaluator's lifecycle: LFW pairs read once, then checkpoints evaluated on their own thread. */
@ApplicationScoped
public class EvaluatorService {

    @Inject
    EvaluatorConfig config;

    private ServiceWorker worker;

    void start(@Observes StartupEvent event) throws IOException {
        // Before any checkpoint is evaluated: accuracy from an engine that computes wrong numbers means nothing.
        EngineCheck.verifyAtStart("evaluator");
        KafkaClients kafka = config.pipeline().kafka("evaluator");
        CheckpointFeed checkpoints = new CheckpointFeed(kafka, config.pipeline().modelName());
        CheckpointEvaluator evaluator = new CheckpointEvaluator(config.evaluator(), config.pipeline().modelName(), kafka, checkpoints);
        checkpoints.start();
        worker = new ServiceWorker("evaluator", evaluator::runOnce, evaluator::close).closingAfterStop(checkpoints).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(60_000);
        }
    }

    ServiceWorker worker() {
        return worker;
    }
}
