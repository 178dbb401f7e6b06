/** Test harness: a real broker and registry for integration tests ({@link io.facenetstreams.testkit.WithKafkaStack}). */
package io.facenetstreams.testkit;
