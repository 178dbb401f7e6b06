package io.facenetstreams.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Embeds a group of images and guards against non-finite vectors (a faulty engine kernel, a corrupt model):
 * when any row is not finite the whole group is embedded once more (in training-mode batch norm one bad row
 * spoils its batch's statistics, so a row cannot be redone alone); rows still not finite after that are
 * reported, never passed on. The embedder service and the sequential baseline both embed through here.
 */
public final class FiniteEmbedding {

    /** The vectors (a row that stayed non-finite is null), which rows stayed non-finite, and whether a retry ran. */
    public record Result(float[][] rows, List<Integer> nonFinite, boolean retried) {

        /** Why a row was left out, for per-image failure reports. */
        public static final String REASON = "the model gave a non-finite embedding (also when embedded again)";

        public boolean clean() {
            return nonFinite.isEmpty();
        }
    }

    private FiniteEmbedding() {
    }

    /** Embeds {@code images} with {@code embed} (one call per attempt, at most two). */
    public static Result embed(float[][] images, UnaryOperator<float[][]> embed) {
        float[][] rows = embed.apply(images);
        boolean retried = false;
        if (!nonFiniteRows(rows).isEmpty()) {
            rows = embed.apply(images);
            retried = true;
        }
        List<Integer> bad = nonFiniteRows(rows);
        for (int i : bad) {
            rows[i] = null;
        }
        return new Result(rows, List.copyOf(bad), retried);
    }

    /** Indices of the rows holding a NaN or an infinity. */
    public static List<Integer> nonFiniteRows(float[][] rows) {
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (float v : rows[i]) {
                if (!Float.isFinite(v)) {
                    bad.add(i);
                    break;
                }
            }
        }
        return bad;
    }
}
