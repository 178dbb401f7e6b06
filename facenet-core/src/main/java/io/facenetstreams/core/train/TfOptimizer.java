package io.facenetstreams.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import io.facenetstreams.core.model.NoGradScope;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL optimizer that applies one of TF 1.x's dense update kernels ({@code training_ops.cc}) exactly,
 * with TF's slot initial values. DJL's own optimizers differ (no Adagrad or Adadelta on PyTorch, no
 * initial accumulator, epsilon outside the square root in RMSProp, another Nesterov form), so the reference's
 * optimizers are written here from TF's formulas. The learning rate is set by the trainer before each
 * step (the reference feeds it per step). No weight decay here: the trainer adds it to the loss, as facenet does.
 *
 * <p>Each parameter's slots live on the parameter's manager and device; {@link #saveState} and
 * {@link #loadState} carry them in checkpoints so that a resumed run continues exactly (facenet's saver
 * kept only the variables, so its resumed runs restarted the slots).
 */
public abstract sealed class TfOptimizer extends Optimizer
        permits TfAdagrad, TfAdadelta, TfAdam, TfRmsProp, TfNesterovMomentum {

    private final Map<String, Slots> slots = new HashMap<>();
    private final OptimizerKind kind;
    private final float[] slotInitialValues;
    private float learningRate;

    /** {@code slotInitialValues}: one value per slot array a parameter has, every element starting from it. */
    TfOptimizer(OptimizerKind kind, float... slotInitialValues) {
        super(new NoOptions());
        this.kind = kind;
        this.slotInitialValues = slotInitialValues.clone();
    }

    /** The kind this optimizer implements. */
    public final OptimizerKind kind() {
        return kind;
    }

    /** Sets the learning rate for the following updates. */
    public void setLearningRate(float learningRate) {
        if (!Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public float learningRate() {
        return learningRate;
    }

    /** How many slot arrays each parameter has. */
    final int slotCount() {
        return slotInitialValues.length;
    }

    /** Applies TF's kernel in place: {@code step} counts this parameter's updates from 1. */
    abstract void apply(NDArray weight, NDArray grad, NDArray[] state, float lr, long step);

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        // In-place updates of a parameter must not be recorded by autograd (see NoGradScope).
        try (NoGradScope noGrad = NoGradScope.open(); NDScope scope = new NDScope()) {
            noGrad.suppressNotUsedWarning();
            scope.suppressNotUsedWarning();
            Slots s = slots.computeIfAbsent(parameterId, id -> newSlots(weight));
            s.step++;
            apply(weight, grad, s.arrays, learningRate, s.step);
            zeroGradient(weight);
        }
    }

    private Slots newSlots(NDArray weight) {
        NDArray[] arrays = new NDArray[slotCount()];
        for (int i = 0; i < arrays.length; i++) {
            NDArray a = weight.zerosLike();
            float init = slotInitialValues[i];
            if (init != 0f) {
                a.addi(init);
            }
            NDScope.unregister(a);  // lives as long as the weight, not the update
            arrays[i] = a;
        }
        return new Slots(arrays);
    }

    /** PyTorch accumulates gradients: clear the parameter's gradient after using it, as DJL's optimizers do. */
    static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            try (NDArray g = weight.getGradient()) {
                g.muli(0);
            }
        }
    }

    /**
     * Writes the kind and every slot of the given parameters (in their order): a parameter not updated yet
     * is written as having no state.
     */
    public void saveState(DataOutputStream out, List<Parameter> parameters) throws IOException {
        out.writeUTF(kind().name());
        out.writeInt(parameters.size());
        for (Parameter p : parameters) {
            Slots s = slots.get(p.getId());
            if (s == null) {
                out.writeLong(0);
                continue;
            }
            out.writeLong(s.step);
            for (NDArray a : s.arrays) {
                byte[] bytes = a.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Reads state written by {@link #saveState} for the same parameters. Returns false, leaving this
     * optimizer fresh, when the state belongs to another kind of optimizer (the options changed).
     */
    public boolean loadState(DataInputStream in, List<Parameter> parameters, NDManager manager) throws IOException {
        String kindName = in.readUTF();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("optimizer state has " + count + " parameters, the network has " + parameters.size());
        }
        boolean sameKind = kind().name().equals(kindName);
        int slotsOfKind = -1;  // looked up when first needed, so that a state with no slots names no kind
        Map<String, Slots> loaded = new HashMap<>();
        for (Parameter p : parameters) {
            long step = in.readLong();
            if (step == 0) {
                continue;
            }
            List<NDArray> arrays = new ArrayList<>();
            if (slotsOfKind < 0) {
                slotsOfKind = sameKind ? slotCount() : OptimizerKind.valueOf(kindName).newOptimizer().slotCount();
            }
            for (int i = 0; i < slotsOfKind; i++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                if (sameKind) {
                    NDArray a = manager.decode(bytes).toDevice(p.getArray().getDevice(), false);
                    if (!a.getShape().equals(p.getArray().getShape())) {
                        throw new IOException("optimizer slot of " + p.getName() + " has shape " + a.getShape()
                                + ", the parameter " + p.getArray().getShape());
                    }
                    arrays.add(a);
                }
            }
            if (sameKind) {
                Slots s = new Slots(arrays.toArray(NDArray[]::new));
                s.step = step;
                loaded.put(p.getId(), s);
            }
        }
        if (sameKind) {
            slots.clear();
            slots.putAll(loaded);
        }
        return sameKind;
    }

    private static final class Slots {
        final NDArray[] arrays;
        long step;

        Slots(NDArray[] arrays) {
            this.arrays = arrays;
        }
    }

    /** DJL's builder defaults (no rescaling, no clipping, no weight decay): TF's kernels have none of them. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
