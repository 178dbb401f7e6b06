package io.facenetstreams.core.synth;

/**
 * A test-only stand-in for LFW accuracy (the real evaluator lives in core.eval): thresholds
 * {@code i * 0.01} for i in 0..399, 10 contiguous folds sized like scikit-learn's KFold(shuffle=False),
 * the first best threshold on the nine training folds, accuracy on the held-out fold, mean over folds.
 */
final class StandInPairAccuracy {

    private StandInPairAccuracy() {
    }

    static double accuracy(double[] distances, boolean[] same, int folds) {
        int n = distances.length;
        double total = 0;
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            int end = start + size;
            double bestAcc = -1;
            double best = 0;
            for (int t = 0; t < 400; t++) {
                double threshold = t * 0.01;
                int correct = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (i >= start && i < end) {
                        continue;
                    }
                    count++;
                    if ((distances[i] < threshold) == same[i]) {
                        correct++;
                    }
                }
                double acc = (double) correct / count;
                if (acc > bestAcc) {
                    bestAcc = acc;
                    best = threshold;
                }
            }
            int correct = 0;
            for (int i = start; i < end; i++) {
                if ((distances[i] < best) == same[i]) {
                    correct++;
                }
            }
            total += (double) correct / size;
            start = end;
        }
        return total / folds;
    }
}
