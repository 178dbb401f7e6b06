package io.facenetstreams.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelVersionsTest {

    private static final class FakeModel implements AutoCloseable {
        final long version;
        boolean closed;

        FakeModel(long version) {
            this.version = version;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void keepsTheNewestVersionsAndClosesEvictedOnes() throws Exception {
        List<Long> loads = new ArrayList<>();
        try (ModelVersions<FakeModel> models = new ModelVersions<>(2, v -> {
            loads.add(v);
            return new FakeModel(v);
        })) {
            FakeModel v0 = models.get(0);
            models.get(20);
            assertThat(models.get(0)).isSameAs(v0);
            FakeModel v40 = models.get(40);
            assertThat(v0.closed).isTrue();
            assertThat(models.versions()).containsExactly(20L, 40L);
            assertThat(models.get(40)).isSameAs(v40);
            assertThat(loads).containsExactly(0L, 20L, 40L);
        }
    }

    @Test
    void anOldVersionAskedForAgainIsLoadedAndKeptWhileTheNewestStays() throws Exception {
        ModelVersions<FakeModel> models = new ModelVersions<>(2, FakeModel::new);
        models.get(20);
        models.get(40);
        models.get(0);
        assertThat(models.versions()).containsExactly(0L, 40L);
        assertThat(models.newest()).isEqualTo(40);
    }

    @Test
    void loaderErrorsPropagateAndNothingIsHeld() {
        ModelVersions<FakeModel> models = new ModelVersions<>(2, v -> {
            throw new java.io.IOException("checkpoint " + v + " has a bad sha256");
        });
        assertThatThrownBy(() -> models.get(7)).hasMessageContaining("checkpoint 7 has a bad sha256");
        assertThat(models.holds(7)).isFalse();
    }
}
