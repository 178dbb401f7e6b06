package io.facenetstreams.sampler;

import io.facenetstreams.core.data.Dataset;
import io.facenetstreams.core.data.DatasetReader;
import io.facenetstreams.service.CheckpointFeed;
import io.facenetstreams.service.KafkaClients;
import io.facenetstreams.service.ServiceWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;

/** The sampler's lifecycle: reads the dataset, starts the emitter on its own thread, stops it on shutdown. */
@ApplicationScoped
public class SamplerService {

    private static final Logger LOG = LoggerFactory.getLogger(SamplerService.class);

    @Inject
    SamplerConfig config;

    private ServiceWorker worker;

    void start(@Observes StartupEvent event) throws IOException {
        SamplingPlan plan = SamplingPlan.from(config);
        Dataset dataset = DatasetReader.read(config.dataDir());
        LOG.info("sampler: {} identities, {} images in {}; {} people x {} images per batch, at most {} in flight",
                dataset.classes().size(), dataset.imageCount(), config.dataDir(), plan.peoplePerBatch(),
                plan.imagesPerPerson(), plan.maxInFlightBatches());
        KafkaClients kafka = config.pipeline().kafka("sampler");
        CheckpointFeed checkpoints = new CheckpointFeed(kafka, plan.modelName()).start();
        PeopleBatchEmitter emitter = new PeopleBatchEmitter(plan, dataset, kafka, checkpoints, Clock.systemUTC());
        worker = new ServiceWorker("sampler", emitter::runOnce, emitter::close).closingAfterStop(checkpoints).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(30_000);
        }
    }

    ServiceWorker worker() {
        return worker;
    }
}
