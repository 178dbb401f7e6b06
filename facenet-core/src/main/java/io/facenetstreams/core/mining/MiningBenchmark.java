package io.facenetstreams.core.mining;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Times the fast {@link TripletSelector} against the literal port ({@link ReferenceTripletSelection}) on synthetic
 * clustered people-batches ({@link SyntheticEmbeddings}), in the same JVM run, and checks on the way that both give
 * the same candidate count for every pair. The {@code bench-mining} command prints its results.
 */
public final class MiningBenchmark {

    /** A people-batch shape: {@code classes x imagesPerClass} embeddings of {@code dim}. */
    public record Shape(int classes, int imagesPerClass, int dim) {
        public String label() {
            return classes + "x" + imagesPerClass + "x" + dim;
        }

        public int rows() {
            return classes * imagesPerClass;
        }

        /** Parses {@code 45x40x128}. */
        public static Shape parse(String text) {
            String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length == 3) {
                    Shape s = new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                    if (s.classes > 0 && s.imagesPerClass > 0 && s.dim > 0) {
                        return s;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("batch shape '" + text + "': expected PEOPLExIMAGESxDIM with positive numbers, e.g. 45x40x128");
        }
    }

    /** Wall times of repeated runs. */
    public record Timing(long[] nanos) {
        public double medianNanos() {
            long[] s = nanos.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        }

        public double medianMillis() {
            return medianNanos() / 1e6;
        }

        public double minMillis() {
            return Arrays.stream(nanos).min().orElse(0) / 1e6;
        }

        public int runs() {
            return nanos.length;
        }
    }

    /**
     * @param literal         null when the literal port was skipped
     * @param countsMatch     whether the per-pair candidate counts of both were equal (null when the port was skipped)
     */
    public record Result(Shape shape, MiningStrategy strategy, double alpha, Timing fast, Timing literal,
                         long pairsConsidered, int triplets, Boolean countsMatch) {
        /** Literal median over fast median; NaN when the port was skipped. */
        public double speedUp() {
            return literal == null ? Double.NaN : literal.medianMillis() / fast.medianMillis();
        }
    }

    /** What to run for one shape. */
    public record Plan(Shape shape, MiningStrategy strategy, double alpha, double spread, long seed, int warmup,
                       int repeat, int literalRepeat) {
        public Plan {
            if (warmup < 0 || repeat < 1 || literalRepeat < 0) {
                throw new IllegalArgumentException("need warmup >= 0, repeat >= 1, literal repeat >= 0");
            }
        }
    }

    /** The last of the timed selections and the times of all of them (the selection alone, not the parsing). */
    public record TimedSelection(TripletSelection last, Timing timing) {
    }

    /** {@code warmup} untimed selections, then {@code repeat} timed ones ({@code repeat >= 1}). */
    public static TimedSelection timeSelections(TripletSelector selector, LabeledEmbeddings batch, SelectionOptions options,
                                                int warmup, int repeat) {
        for (int i = 0; i < warmup; i++) {
            selector.select(batch.values(), batch.dim(), batch.imagesPerClass(), options);
        }
        long[] nanos = new long[repeat];
        TripletSelection selection = null;
        for (int i = 0; i < repeat; i++) {
            selection = selector.select(batch.values(), batch.dim(), batch.imagesPerClass(), options);
            nanos[i] = selection.selectionNanos();
        }
        return new TimedSelection(selection, new Timing(nanos));
    }

    private final TripletSelector selector;

    public MiningBenchmark(TripletSelector selector) {
        this.selector = selector;
    }

    /** Runs one plan; {@code progress} gets a line before each slow step. */
    public Result run(Plan plan, Consumer<String> progress) {
        Shape shape = plan.shape();
        LabeledEmbeddings batch = SyntheticEmbeddings.clustered(shape.classes(), shape.imagesPerClass(), shape.dim(),
                plan.spread(), plan.seed());
        SelectionOptions options = new SelectionOptions(plan.strategy(), plan.alpha(), plan.seed(), true);
        progress.accept(shape.label() + ": fast selector, " + plan.warmup() + " warm-up + " + plan.repeat() + " timed runs");
        TimedSelection timed = timeSelections(selector, batch, options, plan.warmup(), plan.repeat());
        TripletSelection fast = timed.last();
        Timing literal = null;
        Boolean match = null;
        if (plan.literalRepeat() > 0) {
            progress.accept(shape.label() + ": literal port, " + plan.literalRepeat() + " run(s)");
            long[] nanos = new long[plan.literalRepeat()];
            TripletSelection port = null;
            for (int i = 0; i < nanos.length; i++) {
                port = ReferenceTripletSelection.select(batch.values(), shape.dim(), batch.imagesPerClass(), options);
                nanos[i] = port.selectionNanos();
            }
            literal = new Timing(nanos);
            match = Arrays.equals(port.candidatesPerPair(), fast.candidatesPerPair())
                    && port.pairsConsidered() == fast.pairsConsidered();
        }
        return new Result(shape, plan.strategy(), plan.alpha(), timed.timing(), literal, fast.pairsConsidered(),
                fast.tripletCount(), match);
    }
}
