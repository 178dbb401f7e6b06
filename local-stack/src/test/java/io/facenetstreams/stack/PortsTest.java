package io.facenetstreams.stack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aListeningPortIsReportedWithTheOptionThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka broker", "--kafka-port"))
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }

    @Test
    void freePortIsFree() {
        assertThat(Ports.isFree(Ports.freePort())).isTrue();
        assertThatThrownBy(() -> Ports.requireFree(70000, "x", null)).hasMessageContaining("between 1 and 65535");
    }
}
