package io.facenetstreams.core.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An LFW {@code pairs.txt}: a header {@code folds<TAB>pairsPerHalf}, then per fold
 * {@code pairsPerHalf} same-identity lines {@code name i j} and {@code pairsPerHalf}
 * different-identity lines {@code name1 i name2 j}. Fields may be separated by any whitespace (real
 * LFW files use tabs); blank lines are ignored; a header of one number means one fold (as in LFW's
 * {@code pairsDevTest.txt}). Image {@code i} of {@code name} is {@code lfw_dir/name/name_%04d.png}
 * or {@code .jpg}.
 *
 * <p>The reader checks that the file holds exactly {@code folds * 2 * pairsPerHalf} pairs (a truncated
 * file would silently shift the folds) but not their order inside a fold, which evaluation does not
 * depend on.
 */
public record LfwPairs(int folds, int pairsPerHalf, List<Entry> entries) {

    /**
     * One line of the file: {@code same} lines have {@code rightName == leftName}. {@code lineNumber}
     * is 1-based (0 for entries that were not read from a file).
     */
    public record Entry(String leftName, int leftIndex, String rightName, int rightIndex, boolean same, int lineNumber) {

        public Entry {
            Objects.requireNonNull(leftName, "leftName");
            Objects.requireNonNull(rightName, "rightName");
            if (same && !leftName.equals(rightName)) {
                throw new IllegalArgumentException("a same pair needs one name, got '" + leftName + "' and '" + rightName + "'");
            }
        }

        /** A same-identity pair of images {@code i} and {@code j} of {@code name}. */
        public static Entry same(String name, int i, int j) {
            return new Entry(name, i, name, j, true, 0);
        }

        /** A different-identity pair. */
        public static Entry different(String name1, int i, String name2, int j) {
            return new Entry(name1, i, name2, j, false, 0);
        }

        /** The line as written to a pairs file (tab separated). */
        public String toLine() {
            return same ? leftName + "\t" + leftIndex + "\t" + rightIndex
                    : leftName + "\t" + leftIndex + "\t" + rightName + "\t" + rightIndex;
        }
    }

    public LfwPairs {
        if (folds <= 0) {
            throw new IllegalArgumentException("folds must be > 0, got " + folds);
        }
        if (pairsPerHalf <= 0) {
            throw new IllegalArgumentException("pairs per half must be > 0, got " + pairsPerHalf);
        }
        entries = List.copyOf(entries);
        long expected = 2L * folds * pairsPerHalf;
        if (entries.size() != expected) {
            throw new IllegalArgumentException("header promises " + folds + " folds x 2 x " + pairsPerHalf
                    + " = " + expected + " pairs, but there are " + entries.size());
        }
    }

    /** Reads and checks a pairs file; errors name the file and the line. */
    public static LfwPairs read(Path pairsFile) throws IOException {
        List<String> lines = Files.readAllLines(pairsFile, StandardCharsets.UTF_8);
        int folds = -1;
        int pairsPerHalf = -1;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (folds < 0) {
                if (f.length == 1) {
                    folds = 1;
                    pairsPerHalf = parseCount(f[0], pairsFile, lineNumber, "pairs per half");
                } else if (f.length == 2) {
                    folds = parseCount(f[0], pairsFile, lineNumber, "folds");
                    pairsPerHalf = parseCount(f[1], pairsFile, lineNumber, "pairs per half");
                } else {
                    throw malformed(pairsFile, lineNumber, line, "header must be 'folds pairs_per_half'");
                }
                continue;
            }
            if (f.length == 3) {
                checkName(f[0], pairsFile, lineNumber, line);
                entries.add(new Entry(f[0], parseIndex(f[1], pairsFile, lineNumber, line), f[0],
                        parseIndex(f[2], pairsFile, lineNumber, line), true, lineNumber));
            } else if (f.length == 4) {
                checkName(f[0], pairsFile, lineNumber, line);
                checkName(f[2], pairsFile, lineNumber, line);
                entries.add(new Entry(f[0], parseIndex(f[1], pairsFile, lineNumber, line), f[2],
                        parseIndex(f[3], pairsFile, lineNumber, line), false, lineNumber));
            } else {
                throw malformed(pairsFile, lineNumber, line,
                        "expected 'name i j' (same) or 'name1 i name2 j' (different), got " + f.length + " fields");
            }
        }
        if (folds < 0) {
            throw new IOException(pairsFile + ": empty pairs file (no header line)");
        }
        try {
            return new LfwPairs(folds, pairsPerHalf, entries);
        } catch (IllegalArgumentException e) {
            throw new IOException(pairsFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes the pairs in LFW format (tab separated, header first). */
    public static void write(Path pairsFile, LfwPairs pairs) throws IOException {
        for (Entry e : pairs.entries()) {
            for (String name : List.of(e.leftName(), e.rightName())) {
                if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace) || name.contains("/")) {
                    throw new IllegalArgumentException("identity name '" + name + "' cannot be written to a pairs file "
                            + "(empty, or contains whitespace or '/')");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(pairsFile, StandardCharsets.UTF_8)) {
            w.write(pairs.folds() + "\t" + pairs.pairsPerHalf());
            w.newLine();
            for (Entry e : pairs.entries()) {
                w.write(e.toLine());
                w.newLine();
            }
        }
    }

    /** Resolves every pair to its image files; a missing image is an error. */
    public static ResolvedPairs resolve(Path lfwDir, LfwPairs pairs) throws IOException {
        return resolve(lfwDir, pairs, MissingImagePolicy.FAIL);
    }

    /**
     * Resolves every pair to {@code lfwDir/name/name_%04d.png}, or {@code .jpg} when there is no png.
     *
     * @throws IOException under {@link MissingImagePolicy#FAIL} when an image is missing, naming the line and path
     */
    public static ResolvedPairs resolve(Path lfwDir, LfwPairs pairs, MissingImagePolicy policy) throws IOException {
        if (!Files.isDirectory(lfwDir)) {
            throw new IOException("LFW directory " + lfwDir + " does not exist or is not a directory");
        }
        List<Pair> resolved = new ArrayList<>(pairs.entries().size());
        List<Integer> skippedLines = new ArrayList<>();
        for (Entry e : pairs.entries()) {
            Path left = imagePath(lfwDir, e.leftName(), e.leftIndex());
            Path right = imagePath(lfwDir, e.rightName(), e.rightIndex());
            Path missing = left == null ? stem(lfwDir, e.leftName(), e.leftIndex())
                    : right == null ? stem(lfwDir, e.rightName(), e.rightIndex()) : null;
            if (missing == null) {
                resolved.add(new Pair(left, right, e.same()));
            } else if (policy == MissingImagePolicy.SKIP) {
                skippedLines.add(e.lineNumber());
            } else {
                throw new IOException("pairs line " + e.lineNumber() + " ('" + e.toLine().replace('\t', ' ')
                        + "'): image not found: " + missing + ".png (nor .jpg)");
            }
        }
        return new ResolvedPairs(resolved, skippedLines);
    }

    /** The existing image file for image {@code index} of {@code name}, png before jpg; null if neither exists. */
    public static Path imagePath(Path lfwDir, String name, int index) {
        Path stem = stem(lfwDir, name, index);
        for (String ext : List.of(".png", ".jpg")) {
            Path p = stem.resolveSibling(stem.getFileName() + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** LFW's file name for image {@code index} of {@code name}, without extension: {@code name_%04d}. */
    public static String imageStem(String name, int index) {
        return name + "_" + String.format(Locale.ROOT, "%04d", index);
    }

    private static Path stem(Path lfwDir, String name, int index) {
        return lfwDir.resolve(name).resolve(imageStem(name, index));
    }

    private static int parseCount(String s, Path file, int line, String what) throws IOException {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IOException(file + ": line " + line + ": " + what + " must be a positive integer, got '" + s + "'");
    }

    private static int parseIndex(String s, Path file, int line, String text) throws IOException {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw malformed(file, line, text, "image index '" + s + "' is not a non-negative integer");
    }

    private static void checkName(String name, Path file, int line, String text) throws IOException {
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw malformed(file, line, text, "identity name '" + name + "' is not a plain folder name");
        }
    }

    private static IOException malformed(Path file, int line, String text, String why) {
        return new IOException(file + ": line " + line + " ('" + text + "'): " + why);
    }
}
