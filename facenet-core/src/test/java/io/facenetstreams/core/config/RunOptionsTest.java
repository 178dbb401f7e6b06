package io.facenetstreams.core.config;

import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.train.OptimizerKind;
import io.facenetstreams.core.train.TrainingOptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {

    @Test
    void eachPropertyReferenceNameAndFlagBelongsToOneOption() {
        Set<String> properties = new HashSet<>();
        Set<String> referenceNames = new HashSet<>();
        Set<String> flags = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (RunOption o : RunOptions.all()) {
            assertThat(keys.add(o.key())).as(o.key()).isTrue();
            assertThat(o.property(o.stages().iterator().next())).as("the key is the first stage's property")
                    .isEqualTo(RunOption.PREFIX + o.key());
            Set<String> own = new HashSet<>();
            o.stages().forEach(s -> own.add(o.property(s)));
            for (String p : own) {
                assertThat(properties.add(p)).as(p).isTrue();
            }
            if (o.referenceName() != null) {
                assertThat(referenceNames.add(o.referenceName())).as(o.referenceName()).isTrue();
            }
            if (o.cliFlag() != null) {
                assertThat(flags.add(o.cliFlag())).as(o.cliFlag()).isTrue();
            }
        }
    }

    @Test
    void theTrainersReferenceOptionsDefaultToTrainingOptionsDefaults() {
        Map<String, String> catalogue = RunOptions.trainingOptionDefaults(Profile.SERVICE);
        Map<String, String> options = TrainingOptions.defaults().toMap();
        assertThat(catalogue.keySet()).containsExactlyInAnyOrderElementsOf(options.keySet());
        options.forEach((name, value) -> assertThat(RunOptions.byReferenceName(name).orElseThrow().sameValue(value, catalogue.get(name)))
                .as(name + ": TrainingOptions " + value + ", catalogue " + catalogue.get(name)).isTrue());
        assertThat(TrainingOptions.fromMap(RunOptions.trainingOptionDefaults(Profile.REFERENCE))).isEqualTo(TrainingOptions.defaults());
    }

    @Test
    void valuesThatStagesMustAgreeOnAreOneOptionReadUnderEachStagesName() {
        assertThat(RunOptions.ALPHA.property(Stage.SAMPLER)).isEqualTo("facenet.sampler.alpha");
        assertThat(RunOptions.ALPHA.property(Stage.TRAINER)).isEqualTo("facenet.trainer.options.alpha");
        assertThat(RunOptions.BATCH_SIZE.stages()).containsExactly(Stage.SAMPLER, Stage.TRAINER, Stage.EVALUATOR);
        assertThat(RunOptions.SEED.shared()).isTrue();
        assertThat(RunOptions.byProperty(Stage.EVALUATOR, "facenet.evaluator.fixed-standardization"))
                .contains(RunOptions.FIXED_STANDARDIZATION);
        assertThat(RunOptions.byReferenceName("people_per_batch")).contains(RunOptions.PEOPLE_PER_BATCH);
    }

    @Test
    void environmentVariablesAreQuarkusMappingOfTheProperty() {
        assertThat(RunOptions.PEOPLE_PER_BATCH.envVar(Stage.SAMPLER)).contains("FACENET_SAMPLER_PEOPLE_PER_BATCH");
        assertThat(RunOptions.TESTING_NON_FINITE_CHUNKS.envVar(Stage.EMBEDDER)).contains("FACENET_EMBEDDER_TESTING_NON_FINITE_CHUNKS");
        assertThat(RunOptions.ALPHA.envVar(Stage.TRAINER)).isEmpty();
    }

    @Test
    void valuesAreCheckedAndCompared() {
        assertThat(RunOptions.ALPHA.sameValue("0.2", "0.20")).isTrue();
        assertThat(RunOptions.BATCH_TIMEOUT.sameValue("10m", "PT10M")).isTrue();
        assertThat(RunOptions.STRATEGY.check("SEMIHARD")).isEqualTo("semihard");
        assertThatThrownBy(() -> RunOptions.PEOPLE_PER_BATCH.check("many"))
                .hasMessageContaining("facenet.sampler.people-per-batch");
        assertThatThrownBy(() -> RunOptions.ARCHITECTURE.check("resnet50")).hasMessageContaining("small-cnn");
    }

    @Test
    void choicesAreTheEnumsNames() {
        assertThat(RunOptions.ARCHITECTURE.choices()).containsExactlyElementsOf(
                Arrays.stream(NetworkArchitecture.values()).map(NetworkArchitecture::cliName).toList());
        assertThat(RunOptions.OPTIMIZER.choices()).containsExactlyElementsOf(
                Arrays.stream(OptimizerKind.values()).map(Enum::name).toList());
        assertThat(RunOptions.STRATEGY.choices()).containsExactlyElementsOf(
                Arrays.stream(MiningStrategy.values()).map(MiningStrategy::cliName).toList());
    }

    @Test
    void localAndReferenceProfilesDifferOnlyWhereTheyDoToday() {
        assertThat(RunOptions.PEOPLE_PER_BATCH.defaultIn(Profile.LOCAL)).isEqualTo("30");
        assertThat(RunOptions.PEOPLE_PER_BATCH.defaultIn(Profile.REFERENCE)).isEqualTo("45");
        assertThat(RunOptions.ARCHITECTURE.defaultIn(Profile.REFERENCE)).isEqualTo("inception-resnet-v1");
        assertThat(RunOptions.ARCHITECTURE.defaultIn(Profile.LOCAL)).isEqualTo("small-cnn");
        assertThat(RunOptions.EPOCH_SIZE.defaultIn(Profile.LOCAL)).isEqualTo("100");
    }
}
