/**
 * The one consume-transform-produce runtime of the services: a record in, its outputs and dead letters out and
 * its offset committed in one Kafka transaction, with one failure policy ({@link FailurePolicy}).
 */
package io.facenetstreams.service.runtime;
