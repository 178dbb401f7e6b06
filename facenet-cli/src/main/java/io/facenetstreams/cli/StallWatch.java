package io.facenetstreams.cli;

import io.facenetstreams.schemas.TrainingProgress;
import io.facenetstreams.stack.LocalPipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code up --stall-timeout}: follows the stages in the background of the progress loop and prints a
 * {@link StallReport} when no training step lands for the timeout, then every timeout while the stall lasts.
 * Reads the topics a little every few seconds, so that a report does not have to read the whole run at once.
 */
final class StallWatch implements AutoCloseable {

    private static final Duration READ_EVERY = Duration.ofSeconds(10);
    private static final Duration READ_BUDGET = Duration.ofSeconds(1);
    private static final Duration REPORT_READ_BUDGET = Duration.ofSeconds(10);
    /** How long services may take to answer their first health request before a silent one counts as DOWN. */
    private static final Duration STARTUP_GRACE = Duration.ofMinutes(3);

    private final StallReport report;
    private final StageLedgerReader reader;
    private final ServiceHealthProbe health = new ServiceHealthProbe(Duration.ofSeconds(3));
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final PrintStream out;
    private long nextReadNanos;
    private java.util.Set<String> alertedDown = java.util.Set.of();
    private final long startNanos = System.nanoTime();
    private boolean started;

    private StallWatch(StallReport report, StageLedgerReader reader, LocalPipeline pipeline, PrintStream out) {
        this.report = report;
        this.reader = reader;
        this.out = out;
        pipeline.services().forEach(s -> ports.put(s.name(), s.httpPort()));
        this.nextReadNanos = System.nanoTime() + READ_EVERY.toNanos();
    }

    /** Starts watching now; {@code since}: when 'up' started (older dead letters are not this run's). */
    static StallWatch start(LocalPipeline pipeline, Duration timeout, Instant since, PrintStream out) {
        StallReport report = new StallReport(timeout, System.nanoTime(), ZoneId.systemDefault());
        StageLedgerReader reader = new StageLedgerReader(pipeline.stack().bootstrapServers(), pipeline.stack().registryUrl(),
                StageLedgerReader.TopicNames.PIPELINE, report, since, Duration.ofSeconds(30));
        return new StallWatch(report, reader, pipeline, out);
    }

    void onProgress(TrainingProgress progress) {
        report.onStep(progress.getStep(), progress.getTimestamp(), System.nanoTime());
    }

    /**
     * Called from the progress loop between polls: reads a little, and prints a report when one is due
     * ({@code stallsCount} false: no stall report, e.g. while only the final evaluation is awaited; DOWN services
     * are still reported).
     */
    void tick(boolean stallsCount) {
        long now = System.nanoTime();
        if (!started) {
            // Until every service answers its health, neither a slow start nor a service still booting is reported.
            if (now - nextReadNanos >= 0 || now - startNanos > STARTUP_GRACE.toNanos()) {
                health.down(ports);
                nextReadNanos = System.nanoTime() + READ_EVERY.toNanos();
                if (health.allAnswered(ports.keySet()) || now - startNanos > STARTUP_GRACE.toNanos()) {
                    started = true;
                    report.onStarted(System.nanoTime());
                }
            }
            return;
        }
        if (stallsCount && report.due(now)) {
            String unread = read(REPORT_READ_BUDGET);
            Map<String, String> down = down();
            for (String line : report.render(now, down)) {
                out.println("facenet up: " + line);
            }
            if (unread != null) {
                out.println("facenet up:   (counts may be behind: cannot read the topics: " + unread + ")");
            }
            out.flush();
            nextReadNanos = System.nanoTime() + READ_EVERY.toNanos();
        } else if (now - nextReadNanos >= 0) {
            read(READ_BUDGET);
            alertOnNewlyDown(now);
            nextReadNanos = System.nanoTime() + READ_EVERY.toNanos();
        }
    }

    /** A service that turns DOWN is reported at once, stalled or not; again only after it was up in between. */
    private void alertOnNewlyDown(long now) {
        Map<String, String> down = down();
        if (!alertedDown.containsAll(down.keySet())) {
            for (String line : report.renderDown(now, down)) {
                out.println("facenet up: " + line);
            }
            out.flush();
        }
        alertedDown = java.util.Set.copyOf(down.keySet());
    }

    /** The services DOWN now; one that never answered is only counted once the start-up grace is over. */
    private Map<String, String> down() {
        Map<String, String> down = new LinkedHashMap<>(health.down(ports));
        if (System.nanoTime() - startNanos < STARTUP_GRACE.toNanos()) {
            down.keySet().removeIf(service -> !health.hasAnswered(service));
        }
        return down;
    }

    /** Reads what is new; a broker that does not answer must not end 'up' (its own check reports a dead broker). */
    private String read(Duration budget) {
        try {
            reader.catchUp(budget);
            return null;
        } catch (RuntimeException e) {
            return TapCommand.rootMessage(e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
