package io.facenetstreams.core.mining;

/**
 * Fast approximate squared distances with a rigorous error bound, used only to decide which negatives need no
 * exact distance. The embeddings are scaled by a power of two (exact) so that every component lies in (-1, 1),
 * rounded to float, and stored transposed ({@code [dim][rows]}) so that one anchor's distances to a range of rows
 * is a plain loop over rows that HotSpot C2 auto-vectorizes (a floating-point dot-product reduction it would not).
 *
 * <p>{@link #bound} gives {@code lambda, mu} such that the exact double distance {@code D} that the reference's port
 * computes (scaled by the same power of two) satisfies {@code |D - f| <= lambda * f + mu} for the float result
 * {@code f}. Derivation (u = 2^-24, every quantity in the scaled domain):
 * <ul>
 *   <li>rounding the inputs to float moves the difference vector by at most
 *       {@code E = u (|a| + |x|) + 2 eta sqrt(dim) <= 2 u M + 2 eta sqrt(dim)} in L2 norm (M the largest row norm,
 *       eta = 2^-149 for underflow), so {@code |D_real - |v'|^2| <= E (2 |v'| + E)};</li>
 *   <li>each float term passes through one subtraction (counted twice, it is squared), one multiplication
 *       and at most {@code ceil(dim/4) + 2} additions ({@link #row}), so {@code |f - |v'|^2| <= gamma |v'|^2 + dim eta}
 *       with {@code gamma = n u / (1 - n u)}, {@code n = ceil(dim/4) + 5};</li>
 *   <li>{@code sqrt(V) <= (V + t) / (2 sqrt t)} for any {@code t > 0} makes the bound linear in {@code f}; it is
 *       tightest near {@code t}, which the caller sets to its largest decision threshold;</li>
 *   <li>the port's own rounding: {@code |D_port - D_real| <= gamma53 D_real + (dim + 2) 2^-1074}.</li>
 * </ul>
 * Everything is then inflated by 0.1 % to absorb the double rounding of the bound itself.
 */
final class ApproximateDistances {

    /** Beyond this scale the power-of-two scalings could leave the double range: exact distances only. */
    private static final int MAX_SCALE_EXPONENT = 300;
    private static final double U = 0x1p-24;
    private static final double ETA = 0x1p-149;

    private final ClassBlocks batch;
    private final int dim;
    private final int rows;
    private final boolean usable;
    private final int scaleExponent;
    private final int paddedDim;
    private final double down;
    private final float[][] transposed;
    private final double gamma;
    private final double inputError;
    private final double dimEta;
    private final double gamma53;
    private final double portTiny;
    private final double maxDistance;

    ApproximateDistances(ClassBlocks batch) {
        this.batch = batch;
        this.dim = batch.dim();
        this.rows = batch.rows();
        double[] e = batch.embeddings();
        double maxAbs = 0;
        for (double v : e) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        int exp = maxAbs == 0 ? 0 : Math.getExponent(maxAbs) + 1;
        this.usable = Math.abs(exp) <= MAX_SCALE_EXPONENT;
        this.scaleExponent = usable ? exp : 0;
        this.paddedDim = (dim + 3) / 4 * 4;
        if (!usable) {
            transposed = null;
            down = Double.NaN;
            gamma = inputError = dimEta = gamma53 = portTiny = maxDistance = Double.NaN;
            return;
        }
        double down = Math.scalb(1.0, -exp);
        this.down = down;
        transposed = new float[paddedDim][rows]; // rows beyond dim stay zero
        double maxNormSq = 0;
        for (int r = 0; r < rows; r++) {
            double normSq = 0;
            int base = r * dim;
            for (int k = 0; k < dim; k++) {
                double v = e[base + k] * down;
                normSq += v * v;
            }
            maxNormSq = Math.max(maxNormSq, normSq);
        }
        // transposed in blocks of 16 rows, so that both the reads and the writes stay in cache
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int k = 0; k < dim; k++) {
                float[] tk = transposed[k];
                for (int r = r0; r < r1; r++) {
                    tk[r] = (float) (e[r * dim + k] * down);
                }
            }
        }
        double maxNorm = Math.sqrt(maxNormSq) * (1 + 1e-9);
        // per term: the subtraction (twice, squared), the multiplication, two additions inside its group of four,
        // and one per group on the accumulator (the first, 0 + x, counted too)
        int roundings = paddedDim / 4 + 5;
        this.gamma = roundings * U / (1 - roundings * U);
        this.inputError = (2 * U * maxNorm + 2 * ETA * Math.sqrt(dim)) * (1 + 1e-9);
        this.dimEta = dim * ETA;
        double n53 = (dim + 2) * 0x1p-53;
        this.gamma53 = n53 / (1 - n53);
        this.portTiny = Math.scalb((dim + 2) * Double.MIN_VALUE, -2 * exp) + Double.MIN_NORMAL;
        // every scaled component is in (-1, 1): no scaled squared distance exceeds 4 dim
        this.maxDistance = 4.0 * dim;
    }

    /** False when the embeddings' scale is too extreme for the float path: every distance must then be exact. */
    boolean usable() {
        return usable;
    }

    /** Unscaled double value to the scaled domain of {@link #row}'s results (exact: a power of two). */
    double toScaled(double value) {
        return Math.scalb(value, -2 * scaleExponent);
    }

    /**
     * The scaled float components of row {@code r} into {@code out} (the anchor argument of {@link #row}); the
     * padding beyond {@code dim} is left as is (zero in a fresh array).
     */
    void anchorValues(int r, float[] out) {
        double[] e = batch.embeddings();
        int base = r * dim;
        for (int k = 0; k < dim; k++) {
            out[k] = (float) (e[base + k] * down);
        }
    }

    /**
     * Adds the approximate squared distances from the anchor (its {@link #anchorValues}, zero-padded to
     * {@link #paddedDim()}) to rows {@code [from, to)} to {@code out[from..to)}, which the caller has zeroed.
     *
     * <p>The inner loop runs over rows, four dimensions per pass summed pairwise (fewer loads of {@code out} per
     * flop, and a shallow addition tree: the bound's {@code n}). C2 auto-vectorizes it (AVX-512 here) reliably only
     * while it is the only loop of this method (measured on JDK 17, about 5x slower otherwise): a zeroing loop
     * before it, the gather of the anchor's values before it, or a loop for {@code dim % 4} after it each left it
     * scalar, and {@link java.util.Arrays#fill} did so in about one JVM in three, when C2 happened to inline it.
     * So the caller gathers ({@link #anchorValues}) and zeroes, and the padding dimensions are zero (adding 0 is
     * exact). Inlined into its callers, as C2 does, it stayed vectorized. {@code bench-mining} shows a regression.
     */
    void row(float[] anchor, float[] out, int from, int to) {
        if (from < 0 || from > to || to > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") outside [0, " + rows + ")");
        }
        if (to > out.length) {
            throw new IllegalArgumentException("out holds " + out.length + " floats, " + to + " needed");
        }
        if (anchor.length < paddedDim) {
            throw new IllegalArgumentException("anchor holds " + anchor.length + " floats, " + paddedDim + " needed");
        }
        float[][] t = transposed;
        for (int k = 0; k < paddedDim; k += 4) {
            float a0 = anchor[k];
            float a1 = anchor[k + 1];
            float a2 = anchor[k + 2];
            float a3 = anchor[k + 3];
            float[] t0 = t[k];
            float[] t1 = t[k + 1];
            float[] t2 = t[k + 2];
            float[] t3 = t[k + 3];
            for (int x = from; x < to; x++) {
                float d0 = a0 - t0[x];
                float d1 = a1 - t1[x];
                float d2 = a2 - t2[x];
                float d3 = a3 - t3[x];
                out[x] += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
            }
        }
    }

    /**
     * The bound {@code |D - f| <= lambda f + mu} (scaled domain), tightest near {@code t}; written to
     * {@code out[0] = lambda, out[1] = mu}.
     */
    void bound(double t, double[] out) {
        double tt = Math.min(Math.max(t, 0x1p-60), maxDistance);
        double st = Math.sqrt(tt);
        double lambda1 = (gamma + inputError / st) / (1 - gamma);
        double mu1 = lambda1 * dimEta + inputError * st + dimEta + inputError * inputError;
        out[0] = ((1 + gamma53) * lambda1 + gamma53) * 1.001;
        out[1] = ((1 + gamma53) * mu1 + portTiny) * 1.001;
    }

    /** {@code dim} rounded up to a multiple of 4: the length of {@link #anchorValues}. */
    int paddedDim() {
        return paddedDim;
    }
}
