package io.facenetstreams.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

import java.util.SplittableRandom;

/**
 * TF's {@code xavier_initializer()} (uniform, {@code limit = sqrt(6 / (fan_in + fan_out))}, fans times the
 * kernel's receptive field), the initializer facenet's Inception-ResNet-v1 uses for every convolution and
 * fully connected weight, drawn from a Java {@link SplittableRandom} rather than the engine's global
 * generator: the same seed gives bit-identical weights on every engine, device and thread count.
 * Weights are drawn in the order DJL initialises the parameters (the block tree's order), each parameter
 * from its own split of the seeded generator.
 */
public final class SeededXavierInitializer implements Initializer {

    private final SplittableRandom random;

    public SeededXavierInitializer(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("Xavier initialisation needs a weight of rank >= 2, got " + shape);
        }
        long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
        double fanOut = shape.get(0) * (double) receptive;
        double fanIn = shape.get(1) * (double) receptive;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        SplittableRandom own;
        synchronized (this) {
            own = random.split();
        }
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((own.nextDouble() * 2.0 - 1.0) * limit);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
