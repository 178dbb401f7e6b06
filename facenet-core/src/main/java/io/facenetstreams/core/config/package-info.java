/**
 * The run's options, defined once: {@link io.facenetstreams.core.config.RunOptions} lists every option a run
 * of the pipeline (or of {@code train-sequential}) takes, with its property under {@code facenet.}, the reference's
 * argument name where {@code train_tripletloss.py} has one, its default, a one-line doc and the stages that
 * read it. The services' {@code application.properties}, their {@code @ConfigMapping} interfaces, the
 * environment variables of docker-compose and the CLI's options are mappings onto this catalogue, and tests
 * hold them to it; {@code docs/configuration.md} is generated from it.
 */
package io.facenetstreams.core.config;
