package io.facenetstreams.service;

import io.smallrye.config.WithDefault;

/**
 * Settings every service shares, under {@code facenet.*} (environment: {@code FACENET_*}): where the broker
 * and the registry are, which model the pipeline trains.
 */
public interface PipelineConfig {

    /** Kafka bootstrap servers ({@code facenet.bootstrap-servers}). */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** The schema registry's Confluent-API base URL ({@code facenet.registry-url}). */
    @WithDefault("http://127.0.0.1:8081/apis/ccompat/v7")
    String registryUrl();

    /** The model's name: the key of its checkpoints, progress and evaluations ({@code facenet.model-name}). */
    @WithDefault("facenet")
    String modelName();

    default KafkaClients kafka(String service) {
        return new KafkaClients(bootstrapServers(), registryUrl(), service);
    }
}
