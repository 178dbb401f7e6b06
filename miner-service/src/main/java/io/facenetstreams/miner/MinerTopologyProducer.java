package io.facenetstreams.miner;

import io.facenetstreams.schemas.serde.RegistryAvroSerde;
import io.facenetstreams.schemas.serde.RegistrySerdeConfig;
import io.facenetstreams.schemas.serde.SchemaRegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Hands the miner's topology to Quarkus's Kafka Streams extension, with registry-backed serdes, and the handler
 * of dead stream threads, which the extension sets on its {@code KafkaStreams} before it starts it.
 */
@ApplicationScoped
public class MinerTopologyProducer {

    @Inject
    MinerConfig config;

    @Produces
    public Topology topology() {
        MinerConfig.Miner m = config.miner();
        MinerSettings settings = new MinerSettings(m.maxTripletsPerRecord(), m.doneRetention(),
                m.selectorThreads().orElse(Runtime.getRuntime().availableProcessors()));
        SchemaRegistryClient registry = SchemaRegistryClient.shared(RegistrySerdeConfig.of(config.pipeline().registryUrl()));
        return MinerTopology.build(settings, new MinerSerdes() {
            @Override
            public <T extends org.apache.avro.specific.SpecificRecord> org.apache.kafka.common.serialization.Serde<T> serde(Class<T> type) {
                return new RegistryAvroSerde<>(registry, type);
            }
        });
    }

    @Produces
    @Singleton
    public StreamsUncaughtExceptionHandler streamThreadFailures() {
        return StreamThreadFailures.exitingProcess();
    }
}
