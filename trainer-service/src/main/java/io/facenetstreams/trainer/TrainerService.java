package io.facenetstreams.trainer;

import io.facenetstreams.core.checkpoint.CheckpointStore;
import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.core.train.TrainingDivergedException;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.ServiceWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;

/** The trainer's lifecycle: resume or start the model, train on its own thread, stop cleanly on shutdown. */
@ApplicationScoped
public class TrainerService {

    @Inject
    TrainerConfig config;

    @ConfigProperty(name = "quarkus.http.host")
    String httpHost;

    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    private volatile TrainerLoop trainer;
    private ServiceWorker worker;

    void start(@Observes StartupEvent event) throws IOException {
        // Before the model is resumed or trained: an engine that computes wrong numbers would publish NaN weights.
        EngineCheck.verifyAtStart("trainer");
        KafkaClients kafka = config.pipeline().kafka("trainer");
        String host = "0.0.0.0".equals(httpHost) ? "127.0.0.1" : httpHost;
        String advertised = config.trainer().advertisedUrl().orElse("http://" + host + ":" + httpPort);
        trainer = new TrainerLoop(config.trainer(), config.pipeline().modelName(), config.dataDir(), advertised, kafka);
        // Steps that keep diverging stop the service: training on would only skip the batches it cannot learn from.
        worker = new ServiceWorker("trainer", trainer::runOnce, null).closingAfterStop(trainer)
                .fatalOn(TrainingDivergedException.class).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(60_000);
        }
    }

    CheckpointStore store() {
        return trainer == null ? null : trainer.store();
    }

    ServiceWorker worker() {
        return worker;
    }
}
