package io.facenetstreams.schemas.serde;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrySerdeConfigTest {

    @Test
    void readsConfluentKeysWithConfluentDefaults() {
        RegistrySerdeConfig c = RegistrySerdeConfig.fromMap(Map.of("schema.registry.url", "http://a:1/x/, http://b:2"));
        assertThat(c.urls()).containsExactly("http://a:1/x", "http://b:2");
        assertThat(c.autoRegisterSchemas()).isTrue();
        assertThat(c.specificAvroReader()).isFalse();
        assertThat(c.retries()).isEqualTo(5);
    }

    @Test
    void acceptsStringsAndTypedValues() {
        RegistrySerdeConfig c = RegistrySerdeConfig.fromMap(Map.of(
                "schema.registry.url", "http://a:1",
                "auto.register.schemas", "false",
                "specific.avro.reader", true,
                "schema.registry.retries", "2",
                "schema.registry.retry.backoff.ms", 50));
        assertThat(c.autoRegisterSchemas()).isFalse();
        assertThat(c.specificAvroReader()).isTrue();
        assertThat(c.retries()).isEqualTo(2);
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void missingUrlIsAClearError() {
        assertThatThrownBy(() -> RegistrySerdeConfig.fromMap(Map.of()))
                .hasMessageContaining("'schema.registry.url' is required");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> RegistrySerdeConfig.fromMap(Map.of("schema.registry.url", "localhost:8081")))
                .hasMessageContaining("must be http(s) URLs");
        assertThatThrownBy(() -> RegistrySerdeConfig.fromMap(Map.of("schema.registry.url", "http://a", "auto.register.schemas", "yes")))
                .hasMessageContaining("'auto.register.schemas' must be true or false");
        assertThatThrownBy(() -> new RegistrySerdeConfig(List.of("http://a"), true, true, -1, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("'schema.registry.retries' must be >= 0");
    }
}
