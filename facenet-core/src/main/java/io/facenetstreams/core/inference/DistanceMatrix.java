package io.facenetstreams.core.inference;

import java.util.List;
import java.util.Locale;

/**
 * The Euclidean distance between every two embeddings ({@code sqrt(sum((a - b)^2))}, as facenet's
 * {@code compare.py}; not the squared distance the LFW evaluation thresholds) and compare.py's printout.
 */
public final class DistanceMatrix {

    private final double[][] distances;

    private DistanceMatrix(double[][] distances) {
        this.distances = distances;
    }

    /** The distances between the rows, accumulated in double precision. */
    public static DistanceMatrix of(float[][] rows) {
        double[][] d = new double[rows.length][rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                d[i][j] = euclidean(rows[i], rows[j]);
                d[j][i] = d[i][j];
            }
        }
        return new DistanceMatrix(d);
    }

    /** {@code sqrt(sum((a - b)^2))} in double precision. */
    public static double euclidean(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of dimensions " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double diff = (double) a[k] - b[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    public int size() {
        return distances.length;
    }

    public double get(int i, int j) {
        return distances[i][j];
    }

    /** A copy of the matrix, row by row. */
    public double[][] toArray() {
        double[][] copy = new double[distances.length][];
        for (int i = 0; i < distances.length; i++) {
            copy[i] = distances[i].clone();
        }
        return copy;
    }

    /**
     * compare.py's printout, line for line: "Images:", "i: name" per image, an empty line, "Distance matrix",
     * a header of column indices, then each row's index and its distances as {@code %1.4f}.
     */
    public List<String> compareLines(List<String> names) {
        if (names.size() != distances.length) {
            throw new IllegalArgumentException(names.size() + " names for " + distances.length + " rows");
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Images:");
        for (int i = 0; i < names.size(); i++) {
            lines.add(String.format(Locale.ROOT, "%1d: %s", i, names.get(i)));
        }
        lines.add("");
        lines.add("Distance matrix");
        StringBuilder header = new StringBuilder("    ");
        for (int i = 0; i < distances.length; i++) {
            header.append(String.format(Locale.ROOT, "    %1d     ", i));
        }
        lines.add(header.toString());
        for (int i = 0; i < distances.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%1d  ", i));
            for (int j = 0; j < distances.length; j++) {
                row.append(String.format(Locale.ROOT, "  %1.4f  ", distances[i][j]));
            }
            lines.add(row.toString());
        }
        return lines;
    }
}
