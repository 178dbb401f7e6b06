package io.facenetstreams.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./facenet up} says when no training step lands for a while: which stage holds the batches in
 * flight, the newest dead letters and the services whose health is DOWN. Fed with observations from the topics
 * (by {@link StageLedgerReader}) and with training steps; knows nothing of Kafka, so that the counting, the
 * wording and the timing of the repeats can be tested alone.
 *
 * <p>A batch is followed from its people-batch: it waits in the embedders until {@code embeddings} holds
 * {@code chunkCount} distinct chunks of it, then in the miner until {@code triplets} holds a record of it, then
 * in the trainer until a training step completes it. Observations may arrive in any order across topics.
 */
public final class StallReport {

    /** Batches named per stage; the rest are counted only. */
    static final int LISTED_BATCHES = 5;
    /** Distinct dead-letter reasons shown, newest first. */
    static final int SHOWN_DEAD_LETTERS = 3;
    private static final int KEPT_DEAD_LETTERS = 50;
    private static final int REASON_CHARS = 200;

    private final Duration timeout;
    private final DateTimeFormatter clock;
    /** Emitted batches not yet trained, in emission order, with their chunk counts. */
    private final Map<String, Integer> emitted = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> chunks = new LinkedHashMap<>();
    private final Set<String> mined = new HashSet<>();
    private final Set<String> trained = new HashSet<>();
    /** Distinct dead letters, the newest occurrence last. */
    private final LinkedHashMap<String, DeadLetters> deadLetters = new LinkedHashMap<>();

    private long quietSinceNanos;
    private long nextReportNanos;
    private long lastStep = -1;
    private Instant lastStepAt;

    /** {@code startNanos}: when the pipeline started, the first moment a stall can be counted from. */
    public StallReport(Duration timeout, long startNanos, ZoneId zone) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stall timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        this.quietSinceNanos = startNanos;
        this.nextReportNanos = startNanos + timeout.toNanos();
    }

    // ---- training steps and the timing of the reports

    /** A training step landed: the stall, if any, is over, and the next report is a full timeout away. */
    public void onStep(long step, Instant at, long nowNanos) {
        lastStep = Math.max(lastStep, step);
        lastStepAt = at;
        quietSinceNanos = nowNanos;
        nextReportNanos = nowNanos + timeout.toNanos();
    }

    /**
     * Whether a report is due now: a full timeout without a step since the pipeline started or the last step,
     * then again every timeout while the stall lasts. Answers true once per due report.
     */
    public boolean due(long nowNanos) {
        if (nowNanos - nextReportNanos < 0) {
            return false;
        }
        nextReportNanos = nowNanos + timeout.toNanos();
        return true;
    }

    /**
     * Every service has started (they take a while on a small machine): with no step yet, the quiet time is
     * counted from now, so that a slow start is not reported as a stall.
     */
    public void onStarted(long nowNanos) {
        if (lastStep < 0) {
            quietSinceNanos = nowNanos;
            nextReportNanos = nowNanos + timeout.toNanos();
        }
    }

    // ---- observations from the topics

    public void onPeopleBatch(String batchId, int chunkCount) {
        if (!trained.contains(batchId)) {
            emitted.put(batchId, chunkCount);
        }
    }

    public void onChunk(String batchId, int chunkIndex) {
        if (!trained.contains(batchId)) {
            chunks.computeIfAbsent(batchId, id -> new HashSet<>()).add(chunkIndex);
        }
    }

    public void onTriplets(String batchId) {
        if (!trained.contains(batchId)) {
            mined.add(batchId);
        }
    }

    /** The trainer finished the batch: nothing of it is needed any more but its id, to ignore late records of it. */
    public void onBatchComplete(String batchId) {
        trained.add(batchId);
        emitted.remove(batchId);
        chunks.remove(batchId);
        mined.remove(batchId);
    }

    public void onDeadLetter(String service, String sourceTopic, String reason, Instant at) {
        String text = oneLine(reason);
        String key = "[" + service + ", " + sourceTopic + "] " + text;
        DeadLetters seen = deadLetters.remove(key);
        deadLetters.put(key, new DeadLetters(key, seen == null ? 1 : seen.count + 1, at));
        if (deadLetters.size() > KEPT_DEAD_LETTERS) {
            Iterator<String> oldest = deadLetters.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    // ---- the report

    /** The batches each stage holds, in emission order. */
    public record Stages(List<String> embedding, List<String> mining, List<String> training) {
    }

    public Stages stages() {
        List<String> embedding = new ArrayList<>();
        List<String> mining = new ArrayList<>();
        List<String> training = new ArrayList<>();
        for (String id : emitted.keySet()) {
            if (mined.contains(id)) {
                training.add(id);
            } else if (embeddedChunks(id) >= emitted.get(id)) {
                mining.add(id);
            } else {
                embedding.add(id);
            }
        }
        return new Stages(embedding, mining, training);
    }

    /**
     * The report's lines, without a prefix. {@code downServices}: service name to why its health is DOWN, in
     * the order to show.
     */
    /**
     * The same report when services turn DOWN while steps may still land (an evaluator that died does not stop
     * training, but the user must hear of it): the first line names the services instead of a stall.
     */
    public List<String> renderDown(long nowNanos, Map<String, String> downServices) {
        List<String> lines = render(nowNanos, downServices);
        lines.set(0, "SERVICE DOWN: " + String.join(", ", downServices.keySet()) + (lastStep < 0 ? " (no training step yet)"
                : String.format(Locale.ROOT, " (last training step %d at %s)", lastStep, clock.format(lastStepAt))));
        return lines;
    }

    public List<String> render(long nowNanos, Map<String, String> downServices) {
        List<String> lines = new ArrayList<>();
        long quietSeconds = Math.max(0, (nowNanos - quietSinceNanos) / 1_000_000_000L);
        lines.add(lastStep < 0
                ? String.format(Locale.ROOT, "STALLED: no training step for %d s (none yet since the pipeline started)", quietSeconds)
                : String.format(Locale.ROOT, "STALLED: no training step for %d s (last step %d at %s)", quietSeconds, lastStep,
                        clock.format(lastStepAt)));
        Stages stages = stages();
        lines.add("  waiting in embedders: " + count(stages.embedding()) + " emitted but not fully embedded"
                + listed(stages.embedding(), true));
        lines.add("  waiting in miner:     " + count(stages.mining()) + " embedded but not mined" + listed(stages.mining(), false));
        lines.add("  waiting in trainer:   " + count(stages.training()) + " mined but not trained" + listed(stages.training(), false));
        if (emitted.isEmpty()) {
            lines.add("  waiting in sampler:   no batch in flight (none emitted, or all trained)");
        }
        downServices.forEach((service, reason) -> lines.add("  service " + service + " health DOWN: " + reason));
        List<DeadLetters> newest = new ArrayList<>(deadLetters.values());
        if (newest.isEmpty()) {
            lines.add("  newest dead letters: none");
        }
        for (int i = 0; i < Math.min(SHOWN_DEAD_LETTERS, newest.size()); i++) {
            DeadLetters d = newest.get(newest.size() - 1 - i);
            lines.add((i == 0 ? "  newest dead letters: " : "                       ") + d.key
                    + (d.count > 1 ? " (x" + d.count + ")" : "") + (d.newest == null ? "" : ", newest at " + clock.format(d.newest)));
        }
        return lines;
    }

    private int embeddedChunks(String batchId) {
        Set<Integer> seen = chunks.get(batchId);
        return seen == null ? 0 : seen.size();
    }

    private String listed(List<String> batches, boolean withChunks) {
        if (batches.isEmpty()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (String id : batches.subList(0, Math.min(LISTED_BATCHES, batches.size()))) {
            if (withChunks) {
                named.add(id + " " + embeddedChunks(id) + "/" + emitted.get(id) + (named.isEmpty() ? " chunks" : ""));
            } else {
                named.add(id);
            }
        }
        String more = batches.size() > LISTED_BATCHES ? ", ... " + (batches.size() - LISTED_BATCHES) + " more" : "";
        return " (" + String.join(", ", named) + more + ")";
    }

    private static String count(List<String> batches) {
        return batches.size() + (batches.size() == 1 ? " batch" : " batches");
    }

    private static String oneLine(String reason) {
        String text = reason == null ? "(no reason)" : reason.replaceAll("\\s+", " ").strip();
        return text.length() <= REASON_CHARS ? text : text.substring(0, REASON_CHARS - 3) + "...";
    }

    private record DeadLetters(String key, long count, Instant newest) {
    }
}
