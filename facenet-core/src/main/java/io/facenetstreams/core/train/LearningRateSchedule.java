package io.facenetstreams.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's learning rate for a step. The base rate is {@code learning_rate} when it is positive, else
 * the schedule file's rate for the current epoch (facenet's {@code get_learning_rate_from_file}); the reference
 * then feeds it through {@code tf.train.exponential_decay(base, global_step,
 * learning_rate_decay_epochs * epoch_size, learning_rate_decay_factor, staircase=True)}, so the decay
 * applies in both cases: {@code base * factor ^ floor(global_step / (decay_epochs * epoch_size))}.
 *
 * <p>Schedule files hold {@code epoch: learning_rate} lines, {@code #} starting a comment, blank lines
 * ignored; epochs must increase. The rate for an epoch is that of the last entry whose epoch is
 * {@code <=} it. Past the last entry the reference's function fell off its loop and returned None (which TF
 * rejects); here the last entry's rate holds. facenet's own schedule files end with a negative rate to
 * mean "stop": {@link #forStep} returns it as is and the caller decides.
 */
public final class LearningRateSchedule {

    /** One line of a schedule file. */
    public record Entry(int epoch, double learningRate) {}

    private final double learningRate;
    private final List<Entry> entries;
    private final String source;
    private final long decaySteps;
    private final double decayFactor;
    private final int epochSize;

    private LearningRateSchedule(double learningRate, List<Entry> entries, String source, int decayEpochs,
            double decayFactor, int epochSize) {
        this.learningRate = learningRate;
        this.entries = entries;
        this.source = source;
        this.decaySteps = (long) decayEpochs * epochSize;
        this.decayFactor = decayFactor;
        this.epochSize = epochSize;
    }

    /** The schedule the options describe; reads the schedule file now when {@code learning_rate <= 0}. */
    public static LearningRateSchedule from(TrainingOptions options) {
        if (options.learningRate() > 0) {
            return exponential(options.learningRate(), options.learningRateDecayEpochs(),
                    options.learningRateDecayFactor(), options.epochSize());
        }
        Path file = options.learningRateScheduleFile();
        return fromEntries(readScheduleFile(file), file.toString(), options.learningRateDecayEpochs(),
                options.learningRateDecayFactor(), options.epochSize());
    }

    /** {@code learningRate * decayFactor ^ floor(step / (decayEpochs * epochSize))}. */
    public static LearningRateSchedule exponential(double learningRate, int decayEpochs, double decayFactor,
            int epochSize) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning_rate must be positive for exponential decay, got "
                    + learningRate);
        }
        checkDecay(decayEpochs, decayFactor, epochSize);
        return new LearningRateSchedule(learningRate, null, null, decayEpochs, decayFactor, epochSize);
    }

    /** The schedule file's rates (then the same exponential decay, which is a no-op with factor 1). */
    public static LearningRateSchedule fromEntries(List<Entry> entries, String source, int decayEpochs,
            double decayFactor, int epochSize) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("learning rate schedule " + source + " has no entries");
        }
        checkDecay(decayEpochs, decayFactor, epochSize);
        return new LearningRateSchedule(0, List.copyOf(entries), source, decayEpochs, decayFactor, epochSize);
    }

    private static void checkDecay(int decayEpochs, double decayFactor, int epochSize) {
        if (decayEpochs < 1 || epochSize < 1 || !(decayFactor > 0)) {
            throw new IllegalArgumentException("learning rate decay needs positive epochs (" + decayEpochs
                    + "), epoch size (" + epochSize + ") and factor (" + decayFactor + ")");
        }
    }

    /** The rate for a global step, the epoch being {@code globalStep / epochSize}. */
    public double forStep(long globalStep) {
        return forStep(globalStep, Math.toIntExact(globalStep / epochSize));
    }

    /**
     * The rate for a global step in a given epoch (the reference reads the file once per epoch, with the epoch
     * computed at the epoch's start, and an epoch may run over {@code epoch_size} steps).
     */
    public double forStep(long globalStep, int epoch) {
        if (globalStep < 0 || epoch < 0) {
            throw new IllegalArgumentException("global step and epoch must be >= 0, got " + globalStep + ", " + epoch);
        }
        double base = entries == null ? learningRate : fromFile(epoch);
        return base * Math.pow(decayFactor, Math.floor((double) globalStep / decaySteps));
    }

    private double fromFile(int epoch) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.epoch() > epoch) {
                break;
            }
            found = e;
        }
        if (found == null) {
            throw new IllegalArgumentException("learning rate schedule " + source + " has no rate for epoch " + epoch
                    + ": its first entry is for epoch " + entries.get(0).epoch());
        }
        return found.learningRate();
    }

    /** Reads and checks a schedule file. */
    public static List<Entry> readScheduleFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("learning rate schedule file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read learning rate schedule file " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = parse(lines, file.toString());
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("learning rate schedule file " + file + " has no entries");
        }
        return entries;
    }

    /** Parses schedule lines; {@code source} names the file in error messages ({@code source:line: ...}). */
    public static List<Entry> parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] parts = content.split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(where + "expected 'epoch: learning_rate', got '" + content + "'");
            }
            int epoch;
            double rate;
            try {
                epoch = Integer.parseInt(parts[0].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "epoch is not an integer: '" + parts[0].trim() + "'", e);
            }
            try {
                rate = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "learning rate is not a number: '" + parts[1].trim() + "'", e);
            }
            if (epoch < 0) {
                throw new IllegalArgumentException(where + "epoch must be >= 0, got " + epoch);
            }
            if (!Double.isFinite(rate)) {
                throw new IllegalArgumentException(where + "learning rate must be finite, got " + parts[1].trim());
            }
            if (!entries.isEmpty() && epoch <= entries.get(entries.size() - 1).epoch()) {
                throw new IllegalArgumentException(where + "epochs must increase: " + epoch + " follows "
                        + entries.get(entries.size() - 1).epoch());
            }
            entries.add(new Entry(epoch, rate));
        }
        return entries;
    }
}
