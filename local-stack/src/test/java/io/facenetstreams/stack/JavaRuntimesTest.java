package io.facenetstreams.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JavaRuntimesTest {

    @Test
    void findsTheRunningJavaWhenItIsNewEnough() {
        int running = Runtime.version().feature();
        Path java = JavaRuntimes.find(running, "this test");
        assertThat(Files.isExecutable(java)).isTrue();
    }

    @Test
    void saysWhatWasCheckedWhenNoneIsNewEnough() {
        assertThatThrownBy(() -> JavaRuntimes.find(999, "The time machine"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The time machine needs Java 999 or newer")
                .hasMessageContaining("Checked:")
                .hasMessageContaining(JavaRuntimes.OVERRIDE_ENV);
    }
}
