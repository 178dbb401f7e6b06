package io.facenetstreams.core.eval;

/** Threshold grids as facenet builds them with {@code np.arange(0, stop, step)}. */
final class Thresholds {

    private Thresholds() {}

    /**
     * {@code np.arange(0, stop, step)}: {@code ceil(stop / step)} values, value {@code i} computed as
     * {@code 0 + i * step} in double precision, exactly as numpy fills the array (so 0.07 is {@code 7 * 0.01},
     * not the literal 0.07).
     */
    static double[] arange(double stop, double step) {
        int count = (int) Math.ceil(stop / step);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i * step;
        }
        return values;
    }
}
