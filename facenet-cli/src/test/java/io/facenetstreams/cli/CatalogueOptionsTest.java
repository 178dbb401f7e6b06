package io.facenetstreams.cli;

import io.facenetstreams.core.config.Profile;
import io.facenetstreams.core.config.RunOption;
import io.facenetstreams.core.config.RunOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's run options are spellings of the catalogue's: {@code up} has each option's flag, and where picocli
 * holds a default it is the catalogue's (up: the local profile; train-sequential: the reference's).
 */
class CatalogueOptionsTest {

    @Test
    void upHasEveryCatalogueFlagWithTheLocalDefault() {
        CommandSpec up = new CommandLine(new UpCommand()).getCommandSpec();
        for (RunOption o : RunOptions.all()) {
            if (o.cliFlag() == null) {
                continue;
            }
            OptionSpec spec = up.findOption(o.cliFlag());
            assertThat(spec).as("up " + o.cliFlag() + " (" + o.key() + ")").isNotNull();
            if (spec.defaultValue() != null) {
                assertThat(o.sameValue(spec.defaultValue(), o.defaultIn(Profile.LOCAL)))
                        .as("up " + o.cliFlag() + " default " + spec.defaultValue() + ", catalogue " + o.defaultIn(Profile.LOCAL))
                        .isTrue();
            }
        }
    }

    @Test
    void trainSequentialTakesTheReferencesNamesWithTheReferencesDefaults() {
        CommandSpec train = new CommandLine(new TrainSequentialCommand()).getCommandSpec();
        for (RunOption o : RunOptions.all()) {
            if (o.referenceName() == null || o.referenceName().equals("use_fixed_image_standardization")
                    || o.referenceName().equals("lfw_use_flipped_images") || o.referenceName().equals("lfw_subtract_mean")) {
                // Flags without a value (off by default, as the catalogue says) have their own names below.
                continue;
            }
            OptionSpec spec = train.findOption("--" + o.referenceName());
            assertThat(spec).as("train-sequential --" + o.referenceName()).isNotNull();
            if (spec.defaultValue() != null) {
                assertThat(o.sameValue(spec.defaultValue(), o.defaultIn(Profile.REFERENCE)))
                        .as("--" + o.referenceName() + " default " + spec.defaultValue() + ", catalogue " + o.defaultIn(Profile.REFERENCE))
                        .isTrue();
            }
        }
        assertThat(train.findOption("--use_fixed_image_standardization")).isNotNull();
        assertThat(train.findOption("--lfw_use_flipped_images")).isNotNull();
        assertThat(train.findOption("--lfw_subtract_mean")).isNotNull();
        assertThat(RunOptions.FIXED_STANDARDIZATION.defaultIn(Profile.REFERENCE)).isEqualTo("false");
    }

    @Test
    void theProfilesAreTheCataloguesAndTrainingOptionsDefaultToIt() {
        assertThat(ReferenceTrainingOptions.Defaults.LOCAL).isEqualTo(new ReferenceTrainingOptions.Defaults("small-cnn", 30, 10, 100));
        assertThat(ReferenceTrainingOptions.Defaults.REFERENCE).isEqualTo(new ReferenceTrainingOptions.Defaults("inception-resnet-v1", 45, 40, 1000));
        ReferenceTrainingOptions none = new ReferenceTrainingOptions();
        assertThat(none.trainingOptions(ReferenceTrainingOptions.Defaults.REFERENCE).toMap())
                .isEqualTo(io.facenetstreams.core.train.TrainingOptions.fromMap(RunOptions.trainingOptionDefaults(Profile.REFERENCE)).toMap());
        assertThat(none.architecture(ReferenceTrainingOptions.Defaults.REFERENCE).cliName()).isEqualTo("inception-resnet-v1");
    }
}
