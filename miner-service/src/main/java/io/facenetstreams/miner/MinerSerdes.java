package io.facenetstreams.miner;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of the miner's topics and stores: registry-backed in production, plain Avro in topology tests. */
@FunctionalInterface
public interface MinerSerdes {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);
}
