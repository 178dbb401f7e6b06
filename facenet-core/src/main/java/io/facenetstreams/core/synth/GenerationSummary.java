package io.facenetstreams.core.synth;

import java.nio.file.Path;
import java.time.Duration;

/** What a generation wrote, and how long it took. */
public record GenerationSummary(Path out, Path trainDir, Path lfwDir, Path pairsFile, int trainIdentities,
                                int lfwIdentities, long images, int pairs, Duration elapsed) {
}
