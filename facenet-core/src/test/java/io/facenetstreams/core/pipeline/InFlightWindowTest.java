package io.facenetstreams.core.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightWindowTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void boundsBatchesBetweenEmissionAndCompletion() {
        InFlightWindow window = new InFlightWindow(2, Duration.ofMinutes(10), new MutableClock());
        assertThat(window.hasRoom()).isTrue();
        window.emitted(0);
        window.emitted(1);
        assertThat(window.hasRoom()).isFalse();
        window.completed(0);
        assertThat(window.hasRoom()).isTrue();
        assertThat(window.sequences()).containsExactly(1L);
    }

    @Test
    void aCompletionSeenBeforeItsEmissionCancelsIt() {
        InFlightWindow window = new InFlightWindow(1, Duration.ofMinutes(10), new MutableClock());
        window.completed(5);
        window.emitted(5);
        assertThat(window.inFlight()).isZero();
    }

    @Test
    void batchesThatNeverCompleteExpire() {
        MutableClock clock = new MutableClock();
        InFlightWindow window = new InFlightWindow(2, Duration.ofMinutes(10), clock);
        window.emitted(0);
        clock.now = clock.now.plusSeconds(300);
        window.emitted(1);
        clock.now = clock.now.plusSeconds(301);
        assertThat(window.expire()).containsExactly(0L);
        assertThat(window.sequences()).containsExactly(1L);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new InFlightWindow(0, Duration.ofMinutes(1), Clock.systemUTC()))
                .hasMessageContaining("max-in-flight-batches must be at least 1");
    }
}
