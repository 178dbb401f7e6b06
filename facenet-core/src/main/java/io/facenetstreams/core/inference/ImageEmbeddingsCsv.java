package io.facenetstreams.core.inference;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image embeddings as CSV: a header {@code path,e0,...,e(D-1)}, then one row per image, its path and its D
 * values. Values are written with {@link Float#toString}, which reads back to the very same float, so what
 * is computed from the file equals what is computed from the model's output. A path holding a comma or a
 * double quote is quoted (RFC 4180).
 */
public final class ImageEmbeddingsCsv {

    private ImageEmbeddingsCsv() {}

    public static void write(Path file, List<String> paths, float[][] rows) throws IOException {
        if (paths.size() != rows.length) {
            throw new IllegalArgumentException(paths.size() + " paths for " + rows.length + " rows");
        }
        int dim = rows.length == 0 ? 0 : rows[0].length;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("path");
            for (int k = 0; k < dim; k++) {
                header.append(",e").append(k);
            }
            out.write(header.toString());
            out.newLine();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.length; i++) {
                line.setLength(0);
                line.append(quote(paths.get(i)));
                for (float v : rows[i]) {
                    line.append(',').append(v);
                }
                out.write(line.toString());
                out.newLine();
            }
        }
    }

    /**
     * The rows by path, in file order.
     *
     * @throws IOException when the file is missing, or (naming the line) a row is malformed
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> rows = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || !line.startsWith("path")) {
                throw new IOException(file + ": not an embeddings CSV (the first line must be the header path,e0,...)");
            }
            int columns = line.split(",", -1).length;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                int valuesStart = pathEnd(line);
                String path = unquote(line.substring(0, valuesStart));
                String[] values = line.substring(valuesStart + 1).split(",", -1);
                if (values.length != columns - 1) {
                    throw new IOException(file + " line " + lineNumber + ": " + (values.length + 1) + " columns, the header has "
                            + columns);
                }
                float[] row = new float[values.length];
                for (int k = 0; k < values.length; k++) {
                    try {
                        row[k] = Float.parseFloat(values[k].trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(file + " line " + lineNumber + " column " + (k + 2) + ": not a number: '"
                                + values[k] + "'", e);
                    }
                }
                if (rows.put(path, row) != null) {
                    throw new IOException(file + " line " + lineNumber + ": path " + path + " appears twice");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("embeddings file not found: " + file, e);
        }
        return rows;
    }

    private static String quote(String path) {
        return path.contains(",") || path.contains("\"") ? '"' + path.replace("\"", "\"\"") + '"' : path;
    }

    /** The index of the comma that ends the (possibly quoted) path field. */
    private static int pathEnd(String line) throws IOException {
        if (!line.startsWith("\"")) {
            return line.indexOf(',');
        }
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        throw new IOException("unterminated quoted path: " + line);
    }

    private static String unquote(String field) {
        return field.startsWith("\"") ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field;
    }
}
