package io.facenetstreams.core.mining;

import java.util.Arrays;

/** A growable list of ints without boxing, for triplets and per-pair counts. */
final class IntList {

    /** Largest array the JVM reliably allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    void add3(int a, int b, int c) {
        if (size + 3 > values.length) {
            grow(size + 3);
        }
        values[size] = a;
        values[size + 1] = b;
        values[size + 2] = c;
        size += 3;
    }

    int size() {
        return size;
    }

    private void grow(long needed) {
        if (needed > MAX_SIZE) {
            throw new IllegalArgumentException("the selection would hold more than " + MAX_SIZE / 3
                    + " triplets or pairs; use a strategy that selects fewer (e.g. vggface instead of all)");
        }
        long next = Math.max(needed, Math.min((long) values.length * 2, MAX_SIZE));
        values = Arrays.copyOf(values, (int) next);
    }

    /** Concatenates lists in order into one exact-size array. */
    static int[] concat(IntList[] lists) {
        long total = 0;
        for (IntList l : lists) {
            total += l == null ? 0 : l.size;
        }
        if (total > MAX_SIZE) {
            throw new IllegalArgumentException("the selection would hold more than " + MAX_SIZE / 3
                    + " triplets or pairs; use a strategy that selects fewer (e.g. vggface instead of all)");
        }
        int[] out = new int[(int) total];
        int at = 0;
        for (IntList l : lists) {
            if (l != null) {
                System.arraycopy(l.values, 0, out, at, l.size);
                at += l.size;
            }
        }
        return out;
    }

    /** Shuffles the triples of a flat {@code a,p,n,...} array (Fisher-Yates over triples). */
    static void shuffleTriples(int[] flat, java.util.function.IntUnaryOperator nextIntBelow) {
        for (int i = flat.length / 3 - 1; i > 0; i--) {
            int j = nextIntBelow.applyAsInt(i + 1);
            if (j != i) {
                for (int c = 0; c < 3; c++) {
                    int t = flat[3 * i + c];
                    flat[3 * i + c] = flat[3 * j + c];
                    flat[3 * j + c] = t;
                }
            }
        }
    }
}
