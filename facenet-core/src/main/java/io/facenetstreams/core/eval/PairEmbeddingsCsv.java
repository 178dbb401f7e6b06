package io.facenetstreams.core.eval;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pair embeddings as CSV, one pair a row: {@code issame, emb1 values..., emb2 values...} with
 * {@code issame} 0 or 1 (also written {@code 0.0}/{@code 1.0}) and both embeddings of the same dimension,
 * {@code (columns - 1) / 2}, in every row. An optional first line is a header: it is recognised by a first
 * field that is not a number, and must have as many columns as the rows. Blank lines are ignored; values
 * may be surrounded by spaces.
 */
public final class PairEmbeddingsCsv {

    private PairEmbeddingsCsv() {}

    /**
     * @throws IOException if the file is missing or unreadable, or (naming line and column) malformed: a value
     *     that is not a finite number, an issame other than 0 or 1, an even number of columns, rows of
     *     different lengths, or no pairs at all
     */
    public static PairEmbeddings read(Path file) throws IOException {
        List<double[]> first = new ArrayList<>();
        List<double[]> second = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        int columns = -1;
        int columnsLine = 0;
        boolean headerSeen = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (columns < 0 && !headerSeen && !isNumber(fields[0].trim())) {
                    headerSeen = true;
                    columns = fields.length;
                    columnsLine = lineNumber;
                    checkColumnCount(file, lineNumber, columns);
                    continue;
                }
                if (columns < 0) {
                    columns = fields.length;
                    columnsLine = lineNumber;
                    checkColumnCount(file, lineNumber, columns);
                } else if (fields.length != columns) {
                    throw new IOException(file + " line " + lineNumber + ": " + fields.length + " columns, but line "
                            + columnsLine + " has " + columns + " (every row holds issame and two embeddings of the"
                            + " same dimension)");
                }
                int dim = (columns - 1) / 2;
                labels.add(parseIssame(file, lineNumber, fields[0]));
                double[] e1 = new double[dim];
                double[] e2 = new double[dim];
                for (int j = 0; j < dim; j++) {
                    e1[j] = parseValue(file, lineNumber, 2 + j, fields[1 + j], "emb1[" + j + "]");
                    e2[j] = parseValue(file, lineNumber, 2 + dim + j, fields[1 + dim + j], "emb2[" + j + "]");
                }
                first.add(e1);
                second.add(e2);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("pair-embeddings file not found: " + file, e);
        }
        if (labels.isEmpty()) {
            throw new IOException(file + ": no pairs (the file is empty" + (headerSeen ? " apart from its header)" : ")"));
        }
        boolean[] issame = new boolean[labels.size()];
        for (int i = 0; i < issame.length; i++) {
            issame[i] = labels.get(i);
        }
        return new PairEmbeddings(first.toArray(double[][]::new), second.toArray(double[][]::new), issame);
    }

    /** Writes one row per pair with values in full precision (they read back as the same doubles). */
    public static void write(Path file, PairEmbeddings pairs) throws IOException {
        int dim = pairs.dimension();
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("issame");
            for (int side = 1; side <= 2; side++) {
                for (int j = 0; j < dim; j++) {
                    header.append(",emb").append(side).append('_').append(j);
                }
            }
            writer.write(header.toString());
            writer.newLine();
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < pairs.pairs(); i++) {
                row.setLength(0);
                row.append(pairs.issame()[i] ? '1' : '0');
                for (double v : pairs.embeddings1()[i]) {
                    row.append(',').append(v);
                }
                for (double v : pairs.embeddings2()[i]) {
                    row.append(',').append(v);
                }
                writer.write(row.toString());
                writer.newLine();
            }
        }
    }

    private static void checkColumnCount(Path file, int lineNumber, int columns) throws IOException {
        if (columns < 3 || (columns - 1) % 2 != 0) {
            throw new IOException(file + " line " + lineNumber + ": " + columns + " columns, but a row is issame"
                    + " followed by two embeddings of equal dimension, so it needs an odd number (at least 3)");
        }
    }

    private static boolean parseIssame(Path file, int lineNumber, String field) throws IOException {
        String text = field.trim();
        double value;
        try {
            value = isNumber(text) ? Double.parseDouble(text) : Double.NaN;
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (value == 1.0) {
            return true;
        }
        if (value == 0.0) {
            return false;
        }
        throw new IOException(file + " line " + lineNumber + ", column 1 (issame): expected 0 or 1, got '" + text + "'");
    }

    private static double parseValue(Path file, int lineNumber, int column, String field, String what)
            throws IOException {
        String text = field.trim();
        double value;
        try {
            value = isNumber(text) ? Double.parseDouble(text) : Double.NaN;
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw new IOException(file + " line " + lineNumber + ", column " + column + " (" + what + "): '" + text
                    + "' is not a finite number");
        }
        return value;
    }

    /** A plain decimal number such as {@code -1.5e-3} (Java's parser alone would also take "NaN", "1d", hex). */
    private static boolean isNumber(String text) {
        int n = text.length();
        int i = skipSign(text, 0);
        int integerEnd = skipDigits(text, i);
        int digits = integerEnd - i;
        i = integerEnd;
        if (i < n && text.charAt(i) == '.') {
            int fractionEnd = skipDigits(text, i + 1);
            digits += fractionEnd - (i + 1);
            i = fractionEnd;
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponentStart = skipSign(text, i + 1);
            i = skipDigits(text, exponentStart);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipSign(String text, int i) {
        return i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
