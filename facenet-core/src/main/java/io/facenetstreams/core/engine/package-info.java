/**
 * The numeric engine every process that runs a network must get: the environment it is started with
 * ({@link io.facenetstreams.core.engine.EngineEnvironment}, the one definition the launcher, the local stack, the
 * Maven test runs and the Dockerfiles agree with) and a known-answer check run once at start
 * ({@link io.facenetstreams.core.engine.EngineCheck}) that refuses to go on when libtorch computes wrong numbers.
 */
package io.facenetstreams.core.engine;
