/**
 * The local stack: a real Kafka broker (KRaft, Kafka's own jars) and a real schema registry (Apicurio,
 * Confluent API) as child processes on 127.0.0.1, with their state in one directory.
 */
package io.facenetstreams.stack;
