package io.facenetstreams.core.stage;

import io.facenetstreams.core.mining.CompactBatch;
import io.facenetstreams.core.mining.MiningStrategy;
import io.facenetstreams.core.mining.ReferenceTripletSelection;
import io.facenetstreams.core.mining.SelectionOptions;
import io.facenetstreams.core.mining.TripletSelection;
import io.facenetstreams.core.mining.TripletSelector;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MineStageTest {

    /** 4 people with 4 images each. */
    private static final int[] LABELS = {3, 3, 3, 3, 8, 8, 8, 8, 1, 1, 1, 1, 5, 5, 5, 5};
    private static final MineStage.Request REQUEST = new MineStage.Request(MiningStrategy.VGGFACE, 0.5, 666, 7);

    private static float[][] vectors(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[LABELS.length][8];
        for (float[] row : rows) {
            double norm = 0;
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) random.nextGaussian();
                norm += row[d] * row[d];
            }
            for (int d = 0; d < row.length; d++) {
                row[d] /= (float) Math.sqrt(norm);
            }
        }
        return rows;
    }

    @Test
    void selectsAsTheSelectorWithTheBatchsOptionsAndMapsTheTripletsBackToBatchRows() {
        float[][] rows = vectors(1);
        rows[5] = null;  // a failed image: the compact rows after it shift by one
        MineStage.Outcome outcome = new MineStage(new TripletSelector()).mine(LABELS, rows, REQUEST);

        CompactBatch batch = CompactBatch.of(LABELS, rows);
        TripletSelection expected = new TripletSelector().select(batch.embeddings(), batch.dim(), batch.imagesPerClass(),
                SelectionOptions.forPeopleBatch(MiningStrategy.VGGFACE, 0.5, 666, 7));
        assertThat(outcome).isInstanceOf(MineStage.Mined.class);
        MineStage.Mined mined = (MineStage.Mined) outcome;
        assertThat(expected.tripletCount()).isPositive();
        assertThat(mined.tripletCount()).isEqualTo(expected.tripletCount());
        for (int t = 0; t < mined.tripletCount(); t++) {
            assertThat(mined.anchorRow(t)).isEqualTo(batch.batchRow(expected.anchor(t)));
            assertThat(mined.positiveRow(t)).isEqualTo(batch.batchRow(expected.positive(t)));
            assertThat(mined.negativeRow(t)).isEqualTo(batch.batchRow(expected.negative(t)));
            assertThat(LABELS[mined.anchorRow(t)]).isEqualTo(LABELS[mined.positiveRow(t)]);
            assertThat(LABELS[mined.anchorRow(t)]).isNotEqualTo(LABELS[mined.negativeRow(t)]);
        }
        assertThat(mined.tripletRows()).doesNotContain(5);
        assertThat(mined.pairsConsidered()).isEqualTo(expected.pairsConsidered());
        assertThat(mined.alpha()).isEqualTo(0.5);
        assertThat(mined.strategy()).isEqualTo(MiningStrategy.VGGFACE);
        assertThat(mined.imagesEmbedded()).isEqualTo(15);
        assertThat(mined.imagesMissing()).isEqualTo(1);
    }

    @Test
    void theLiteralSelectorGivesTheSameCandidateSetsWhenTheBaselineAsksForIt() {
        float[][] rows = vectors(2);
        MineStage.Mined literal = (MineStage.Mined) new MineStage(ReferenceTripletSelection::select).mine(LABELS, rows, REQUEST);
        MineStage.Mined fast = (MineStage.Mined) new MineStage(new TripletSelector()).mine(LABELS, rows, REQUEST);
        assertThat(literal.tripletCount()).isEqualTo(fast.tripletCount());
        assertThat(literal.pairsConsidered()).isEqualTo(fast.pairsConsidered());
    }

    @Test
    void aNonFiniteVectorMakesTheBatchNotMineableNamingItsRow() {
        float[][] rows = vectors(3);
        rows[10][2] = Float.NaN;
        MineStage.Outcome outcome = new MineStage(new TripletSelector()).mine(LABELS, rows, REQUEST);
        assertThat(outcome).isInstanceOf(MineStage.NotMineable.class);
        MineStage.NotMineable refused = (MineStage.NotMineable) outcome;
        assertThat(refused.row()).isEqualTo(10);
        assertThat(refused.wholeBatch()).isFalse();
        assertThat(refused.reason()).isEqualTo("holds a non-finite vector (row 10 is NaN)");
    }

    @Test
    void aBatchWhoseImagesAllFailedIsNotMineable() {
        MineStage.Outcome outcome = new MineStage(new TripletSelector()).mine(LABELS, new float[LABELS.length][], REQUEST);
        assertThat(outcome).isEqualTo(new MineStage.NotMineable("every one of its 16 images failed to embed", -1));
        assertThat(((MineStage.NotMineable) outcome).wholeBatch()).isTrue();
    }

    @Test
    void rowsThatDoNotFitTheLabelsAreRefused() {
        assertThatThrownBy(() -> new MineStage(new TripletSelector()).mine(new int[] {1, 2}, vectors(4), REQUEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels but 16 embedding rows");
    }
}
