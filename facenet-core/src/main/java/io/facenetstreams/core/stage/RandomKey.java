package io.facenetstreams.core.stage;

import java.util.Arrays;

/**
 * Where a stage's random draws (crops, flips) come from: the run's seed and the coordinates the loader
 * derives each image's generator from ({@code Seeds.derive(seed, coordinates..., position)}). Callers name
 * their coordinates through the stages' factory methods, so that the same data gets the same draws.
 */
public record RandomKey(long seed, long[] coordinates) {

    public RandomKey {
        coordinates = coordinates.clone();
    }

    public static RandomKey of(long seed, long... coordinates) {
        return new RandomKey(seed, coordinates);
    }

    @Override
    public long[] coordinates() {
        return coordinates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RandomKey k && k.seed == seed && Arrays.equals(k.coordinates, coordinates);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(seed) + Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "RandomKey[seed=" + seed + ", coordinates=" + Arrays.toString(coordinates) + "]";
    }
}
