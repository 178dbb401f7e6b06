/**
 * A Confluent-compatible Avro serde over the schema registry's Confluent REST API: same wire format and
 * config keys as Confluent's own classes, so either can be used by class name.
 */
package io.facenetstreams.schemas.serde;
