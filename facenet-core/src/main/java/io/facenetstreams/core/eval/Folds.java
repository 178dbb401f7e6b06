package io.facenetstreams.core.eval;

/**
 * Contiguous cross-validation folds with the sizes of scikit-learn's {@code KFold(n_splits, shuffle=False)}:
 * every fold holds {@code n / k} pairs and the first {@code n % k} folds one more.
 */
final class Folds {

    private final int[] starts;

    private Folds(int[] starts) {
        this.starts = starts;
    }

    static Folds kFold(int pairs, int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        if (folds > pairs) {
            throw new IllegalArgumentException("folds (" + folds + ") must not exceed the number of pairs (" + pairs + ")");
        }
        int[] starts = new int[folds + 1];
        for (int f = 0; f < folds; f++) {
            int size = pairs / folds + (f < pairs % folds ? 1 : 0);
            starts[f + 1] = starts[f] + size;
        }
        return new Folds(starts);
    }

    int count() {
        return starts.length - 1;
    }

    /** First pair of the test part of fold {@code f}. */
    int start(int f) {
        return starts[f];
    }

    /** One past the last pair of the test part of fold {@code f}. */
    int end(int f) {
        return starts[f + 1];
    }

    int size(int f) {
        return end(f) - start(f);
    }
}
