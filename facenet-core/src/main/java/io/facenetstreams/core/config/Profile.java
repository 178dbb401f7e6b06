package io.facenetstreams.core.config;

/**
 * Where a run's defaults come from. Most options have one default; a few differ between a service started on
 * its own, {@code ./facenet up} (a pipeline that learns within minutes on a laptop CPU; docker-compose runs
 * the same profile) and {@code train-sequential} (the reference's own defaults).
 */
public enum Profile {
    /** A service started with nothing set: its {@code application.properties} and {@code @WithDefault}s. */
    SERVICE,
    /** {@code ./facenet up} and docker-compose. */
    LOCAL,
    /** {@code train_tripletloss.py}'s argparse defaults, which {@code train-sequential} keeps. */
    REFERENCE
}
