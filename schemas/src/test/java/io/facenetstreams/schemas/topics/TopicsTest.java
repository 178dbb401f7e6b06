package io.facenetstreams.schemas.topics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void catalogueHoldsTheEightTopicsOfTheDesign() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "people-batches", "embedding-requests", "embeddings", "triplets", "training-progress",
                "checkpoints", "evaluations", "dead-letters");
        assertThat(Topics.ALL).allSatisfy(t -> assertThat(t.name()).matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void batchTopicsAreCoPartitionedSoOneMinerTaskSeesAWholeBatch() {
        assertThat(Topics.PEOPLE_BATCHES_TOPIC.partitions()).isEqualTo(Topics.EMBEDDINGS_TOPIC.partitions());
    }

    @Test
    void embeddingRequestsHaveRoomForSeveralReplicasAndCheckpointsAreCompacted() {
        assertThat(Topics.EMBEDDING_REQUESTS_TOPIC.partitions()).isGreaterThanOrEqualTo(6);
        assertThat(Topics.CHECKPOINTS_TOPIC.cleanupPolicy()).isEqualTo(TopicSpec.COMPACT);
        assertThat(Topics.CHECKPOINTS_TOPIC.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void eachTopicHasItsOwnValueSchema() {
        assertThat(Topics.ALL).extracting(t -> t.valueSchema().getFullName()).doesNotHaveDuplicates();
        assertThat(Topics.TRIPLETS_TOPIC.valueSubject()).isEqualTo("triplets-value");
    }

    @Test
    void unknownTopicNamesTheKnownOnes() {
        assertThatThrownBy(() -> Topics.byName("tripplets"))
                .hasMessageContaining("unknown topic 'tripplets'")
                .hasMessageContaining("triplets, training-progress");
    }

    @Test
    void specRejectsNonsense() {
        assertThatThrownBy(() -> new TopicSpec("x", 0, TopicSpec.DELETE, "k", io.facenetstreams.schemas.Evaluation.class, -1, -1))
                .hasMessageContaining("partitions must be >= 1");
        assertThatThrownBy(() -> new TopicSpec("x", 1, "keep", "k", io.facenetstreams.schemas.Evaluation.class, -1, -1))
                .hasMessageContaining("cleanup policy");
    }
}
