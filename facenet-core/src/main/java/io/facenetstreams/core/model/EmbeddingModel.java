package io.facenetstreams.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A network with its parameters, used to embed images: N images in CHW order (each {@code float[3*S*S]},
 * already standardised) become N L2-normalised rows of the embedding size, computed in batches. Not
 * thread-safe: one model per thread (independent copies come from a checkpoint or a parameter stream).
 */
public final class EmbeddingModel implements AutoCloseable {

    /** The reference's {@code batch_size}, used for embedding unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 90;

    private final NetworkSpec spec;
    private final Model model;
    private final ParameterStore parameterStore;

    private EmbeddingModel(NetworkSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
        this.parameterStore = new ParameterStore(model.getNDManager(), false);
    }

    /** A new network with seeded Xavier weights, on DJL's default device (a GPU when there is one). */
    public static EmbeddingModel untrained(NetworkSpec spec, long seed) {
        return untrained(spec, seed, Engine.getInstance().defaultDevice());
    }

    /** A new network with seeded Xavier weights on the given device. */
    public static EmbeddingModel untrained(NetworkSpec spec, long seed, Device device) {
        Model model = newModel(spec, device);
        try {
            model.getBlock().setInitializer(new SeededXavierInitializer(seed), Parameter.Type.WEIGHT);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, inputShape(spec, 1));
            return new EmbeddingModel(spec, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * A network whose parameters (batch-norm moving statistics included) are read from a stream written
     * by {@link #saveParameters}; the stream must come from a network of the same spec.
     */
    public static EmbeddingModel load(NetworkSpec spec, DataInputStream parameters, Device device) throws IOException {
        Model model = newModel(spec, device);
        try {
            readParameters(model, parameters);
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, inputShape(spec, 1));
            return new EmbeddingModel(spec, model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A new DJL model holding a fresh, uninitialised block for the spec. */
    public static Model newModel(NetworkSpec spec, Device device) {
        Model model = Model.newInstance("facenet-" + spec.architecture().cliName(), device);
        model.setBlock(spec.newBlock());
        return model;
    }

    /** Reads DJL-serialised parameters into a model's (uninitialised or initialised) block. */
    public static void readParameters(Model model, DataInputStream parameters) throws IOException {
        try {
            model.getBlock().loadParameters(model.getNDManager(), parameters);
        } catch (MalformedModelException e) {
            throw new IOException("parameters do not fit the network: " + e.getMessage(), e);
        }
    }

    /** The shape of a batch of {@code n} images for the spec: (n, 3, S, S). */
    public static Shape inputShape(NetworkSpec spec, long n) {
        return new Shape(n, 3, spec.imageSize(), spec.imageSize());
    }

    /** Embeds the images in batches of {@value #DEFAULT_BATCH_SIZE}: N rows of {@code embeddingSize()}. */
    public float[][] embed(float[][] images, BatchNormMode mode) {
        return embed(images, mode, false, DEFAULT_BATCH_SIZE);
    }

    /**
     * Embeds the images in batches of {@value #DEFAULT_BATCH_SIZE}; with {@code flipped} each row is the
     * embedding of the image followed by that of its horizontal mirror (2 x embedding size, as facenet's
     * {@code use_flipped_images}; the concatenation is not re-normalised).
     */
    public float[][] embed(float[][] images, BatchNormMode mode, boolean flipped) {
        return embed(images, mode, flipped, DEFAULT_BATCH_SIZE);
    }

    /**
     * Embeds the images in batches of {@code batchSize} (the last batch may be smaller). In
     * {@link BatchNormMode#TRAINING} mode each batch is normalised with its own statistics, so results
     * depend on how images are grouped; with {@code flipped} the mirror images form their own batches.
     */
    public float[][] embed(float[][] images, BatchNormMode mode, boolean flipped, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("embedding batch size must be positive, got " + batchSize);
        }
        int length = spec.imageLength();
        for (int i = 0; i < images.length; i++) {
            checkImage(images[i], i, "image");
        }
        int dim = spec.embeddingSize();
        float[][] out = new float[images.length][flipped ? 2 * dim : dim];
        for (int start = 0; start < images.length; start += batchSize) {
            int n = Math.min(batchSize, images.length - start);
            float[] flat = new float[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(images[start + i], 0, flat, i * length, length);
            }
            try (NoGradScope noGrad = NoGradScope.open(); NDScope scope = new NDScope()) {
                noGrad.suppressNotUsedWarning();
                scope.suppressNotUsedWarning();
                NDArray batch = model.getNDManager().create(flat, inputShape(spec, n));
                copyRows(forward(batch, mode).toFloatArray(), out, start, n, 0, dim);
                if (flipped) {
                    copyRows(forward(batch.flip(3), mode).toFloatArray(), out, start, n, dim, dim);
                }
            }
        }
        return out;
    }

    /**
     * One forward pass over a batch (N, 3, S, S) already on this model's device: (N, embeddingSize). The
     * caller decides about autograd (see {@link NoGradScope}) and owns the result.
     */
    public NDArray forward(NDArray batch, BatchNormMode mode) {
        return model.getBlock().forward(parameterStore, new NDList(batch), mode.training()).singletonOrThrow();
    }

    /**
     * The images (each a CHW {@code float[3*S*S]}) as one array in batch order; an image of the wrong size
     * is an error naming it as {@code label} and its index.
     */
    public float[] flatten(float[][] images, String label) {
        int length = spec.imageLength();
        float[] flat = new float[images.length * length];
        for (int i = 0; i < images.length; i++) {
            checkImage(images[i], i, label);
            System.arraycopy(images[i], 0, flat, i * length, length);
        }
        return flat;
    }

    private void checkImage(float[] image, int index, String label) {
        int length = spec.imageLength();
        if (image == null || image.length != length) {
            throw new IllegalArgumentException(label + " " + index + " has "
                    + (image == null ? "no" : String.valueOf(image.length)) + " values, expected 3 x "
                    + spec.imageSize() + " x " + spec.imageSize() + " = " + length + " (CHW)");
        }
    }

    private static void copyRows(float[] values, float[][] out, int start, int n, int offset, int dim) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, i * dim, out[start + i], offset, dim);
        }
    }

    /**
     * An independent copy of this network with its current parameters (moving statistics included), on
     * the same device: for embedding in another thread while this one keeps training.
     */
    public EmbeddingModel copy() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            saveParameters(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return load(spec, in, device());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the network: " + e.getMessage(), e);
        }
    }

    /** Writes every parameter, batch-norm moving statistics included, in DJL's block format. */
    public void saveParameters(DataOutputStream out) throws IOException {
        model.getBlock().saveParameters(out);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public NetworkArchitecture architecture() {
        return spec.architecture();
    }

    public int embeddingSize() {
        return spec.embeddingSize();
    }

    public int imageSize() {
        return spec.imageSize();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** The DJL model holding the block and its parameters (the trainer trains it in place). */
    public Model djlModel() {
        return model;
    }

    /** The underlying block (read-only use: counting or listing parameters). */
    public Block block() {
        return model.getBlock();
    }

    /** Parameter counts of the network. */
    public ParameterCount parameterCount() {
        return ParameterCount.of(model.getBlock());
    }

    @Override
    public void close() {
        model.close();
    }
}
