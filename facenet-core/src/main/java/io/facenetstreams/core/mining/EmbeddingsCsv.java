package io.facenetstreams.core.mining;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings as CSV: one line per image, {@code class_label,v1,...,vD}, classes contiguous in batch order (as the
 * reference's {@code emb_array}). An optional header line is recognised by having no numeric value field (e.g. {@code class_label,v1,v2}).
 * Labels are taken verbatim (trimmed, one pair of surrounding double quotes removed; no commas inside).
 * Blank lines are skipped. Errors name the file, the line and the column (1-based, the label is column 1).
 */
public final class EmbeddingsCsv {

    private EmbeddingsCsv() {
    }

    /**
     * @throws IOException              when the file is missing or unreadable
     * @throws IllegalArgumentException when its content is malformed (ragged rows, non-numeric or non-finite
     *                                  values, a class that reappears after another, no rows)
     */
    public static LabeledEmbeddings read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "embeddings file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an embeddings CSV file");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        }
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static LabeledEmbeddings parse(BufferedReader in, String source) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        double[] values = new double[1024];
        int size = 0;
        int dim = -1;
        int lineNo = 0;
        boolean sawLine = false;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // byte-order mark
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (!sawLine) {
                sawLine = true;
                if (isHeader(fields)) {
                    continue;
                }
            }
            String where = source + " line " + lineNo;
            if (fields.length < 2) {
                throw new IllegalArgumentException(where + ": expected a class label and at least one value, got '"
                        + abbreviate(line) + "'");
            }
            if (dim < 0) {
                dim = fields.length - 1;
            } else if (fields.length - 1 != dim) {
                throw new IllegalArgumentException(where + ": " + (fields.length - 1) + " values, but earlier rows have "
                        + dim + " (rows must all have the same number of columns)");
            }
            String label = unquote(fields[0].trim());
            if (label.isEmpty()) {
                throw new IllegalArgumentException(where + ", column 1: empty class label");
            }
            int last = labels.size() - 1;
            if (last >= 0 && labels.get(last).equals(label)) {
                counts.set(last, counts.get(last) + 1);
            } else {
                Integer seen = firstLine.putIfAbsent(label, lineNo);
                if (seen != null) {
                    throw new IllegalArgumentException(where + ": class '" + label + "' appears again after other classes "
                            + "(first seen at line " + seen + "); classes must be contiguous in batch order");
                }
                labels.add(label);
                counts.add(1);
            }
            if (size + dim > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(size + dim, values.length * 2));
            }
            for (int k = 1; k <= dim; k++) {
                String text = fields[k].trim();
                double v;
                try {
                    v = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ", column " + (k + 1) + ": '" + abbreviate(text)
                            + "' is not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(where + ", column " + (k + 1) + ": " + text
                            + " is not a finite number");
                }
                values[size++] = v;
            }
        }
        if (dim < 0) {
            throw new IllegalArgumentException(source + ": no embeddings (" + (sawLine ? "only a header line" : "empty file")
                    + ")");
        }
        int[] perClass = counts.stream().mapToInt(Integer::intValue).toArray();
        return new LabeledEmbeddings(labels, perClass, dim, java.util.Arrays.copyOf(values, size));
    }

    /** Writes embeddings with a header {@code class_label,v1,...}; values round-trip exactly. */
    public static void write(Path file, LabeledEmbeddings embeddings) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int dim = embeddings.dim();
            StringBuilder header = new StringBuilder("class_label");
            for (int k = 1; k <= dim; k++) {
                header.append(",v").append(k);
            }
            out.write(header.toString());
            out.newLine();
            double[] v = embeddings.values();
            int row = 0;
            for (int c = 0; c < embeddings.imagesPerClass().length; c++) {
                String label = embeddings.classLabels().get(c);
                for (int i = 0; i < embeddings.imagesPerClass()[c]; i++, row++) {
                    StringBuilder line = new StringBuilder(label);
                    for (int k = 0; k < dim; k++) {
                        line.append(',').append(v[row * dim + k]);
                    }
                    out.write(line.toString());
                    out.newLine();
                }
            }
        }
    }

    /** A header has no numeric value field (a data row with one typo is reported, not skipped). */
    private static boolean isHeader(String[] fields) {
        if (fields.length < 2) {
            return false;
        }
        for (int k = 1; k < fields.length; k++) {
            if (isNumber(fields[k].trim())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).trim() : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
