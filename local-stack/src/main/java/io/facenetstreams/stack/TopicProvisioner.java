package io.facenetstreams.stack;

import io.facenetstreams.schemas.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the catalogue's topics that are missing (idempotent), and grows topics that have fewer partitions
 * than the catalogue asks for. A topic with more partitions than asked is left alone and reported.
 */
public final class TopicProvisioner {

    /** What was done to one topic. */
    public record Outcome(String topic, String action, int partitions) {
    }

    private TopicProvisioner() {
    }

    public static List<Outcome> ensure(Admin admin, List<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<Outcome> outcomes = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                            .configs(spec.configs()));
                    outcomes.add(new Outcome(spec.name(), "created", spec.partitions()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
                Map<String, NewPartitions> grow = new HashMap<>();
                for (TopicSpec spec : specs) {
                    TopicDescription d = described.get(spec.name());
                    if (d == null) {
                        continue;
                    }
                    int have = d.partitions().size();
                    if (have < spec.partitions()) {
                        grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
                        outcomes.add(new Outcome(spec.name(), "grown from " + have, spec.partitions()));
                    } else {
                        outcomes.add(new Outcome(spec.name(), have == spec.partitions() ? "exists" : "exists (more partitions than the catalogue's " + spec.partitions() + ")", have));
                    }
                }
                if (!grow.isEmpty()) {
                    admin.createPartitions(grow).all().get(60, TimeUnit.SECONDS);
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not create the pipeline's topics: " + cause.getMessage(), cause);
        }
    }
}
