package io.facenetstreams.embedder;

import io.facenetstreams.core.engine.EngineCheck;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.ServiceWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The embedder's lifecycle: the checkpoint feed, then the embedding thread; both stop on shutdown. */
@ApplicationScoped
public class EmbedderService {

    @Inject
    EmbedderConfig config;

    private ServiceWorker worker;

    void start(@Observes StartupEvent event) {
        // Before anything is consumed: embeddings from an engine that computes wrong numbers poison the pipeline.
        EngineCheck.verifyAtStart("embedder");
        String id = config.embedder().id().orElseGet(EmbedderService::defaultId);
        KafkaClients kafka = config.pipeline().kafka("embedder-" + id);
        CheckpointFeed checkpoints = new CheckpointFeed(kafka, config.pipeline().modelName()).start();
        ChunkEmbedder embedder = new ChunkEmbedder(id, config.embedder(), config.dataDir(), kafka, checkpoints);
        worker = new ServiceWorker("embedder-" + id, embedder::runOnce, embedder::close).closingAfterStop(checkpoints).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(30_000);
        }
    }

    ServiceWorker worker() {
        return worker;
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
