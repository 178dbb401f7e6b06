/**
 * The services' configuration held to the run's catalogue
 * ({@link io.facenetstreams.core.config.RunOptions}): {@link io.facenetstreams.service.config.CatalogueCheck}
 * reads a service's {@code @ConfigMapping} interface and its {@code application.properties} and lists where
 * they disagree with the catalogue. Each service's tests run it, so a property, a default or a
 * {@code @WithDefault} that drifts from the one definition fails the build.
 */
package io.facenetstreams.service.config;
