/** Glue every service shares: Kafka clients with the registry serde, checkpoint feed and fetcher, the worker thread. */
package io.facenetstreams.service;
