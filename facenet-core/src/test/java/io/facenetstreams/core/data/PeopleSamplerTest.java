package io.facenetstreams.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeopleSamplerTest {

    /** A dataset whose class i has sizes[i] images named "c{i}/{k}.png". */
    static Dataset dataset(int... sizes) {
        List<IdentityClass> classes = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            List<String> paths = new ArrayList<>();
            for (int k = 0; k < sizes[i]; k++) {
                paths.add("c" + i + "/" + k + ".png");
            }
            classes.add(new IdentityClass("c" + i, i, paths));
        }
        return new Dataset(Path.of("/data"), classes);
    }

    /** The reference's rule, checked person by person: n = min(class size, images per person, remaining). */
    private static void assertReferenceSemantics(Dataset ds, PeopleBatchSample s, int ppb, int ipp) {
        int wanted = ppb * ipp;
        int taken = 0;
        Set<Integer> labels = new HashSet<>();
        for (SampledPerson p : s.people()) {
            IdentityClass cls = ds.classes().get(p.label());
            assertThat(p.className()).isEqualTo(cls.name());
            assertThat(labels.add(p.label())).as("each class at most once").isTrue();
            assertThat(p.imagePaths().size()).isEqualTo(Math.min(Math.min(cls.size(), ipp), wanted - taken));
            assertThat(new HashSet<>(p.imagePaths())).hasSize(p.imagePaths().size());
            assertThat(cls.imagePaths()).containsAll(p.imagePaths());
            taken += p.imagePaths().size();
        }
        assertThat(s.imageCount()).isEqualTo(taken);
        assertThat(s.requestedImages()).isEqualTo(wanted);
    }

    @Test
    void bigClassesGiveExactlyPeoplePerBatchPeopleWithImagesPerPersonEach() {
        Dataset ds = dataset(10, 10, 10, 10, 10, 10);
        PeopleBatchSample s = new PeopleSampler(ds, 3, 4).sample(7, 0);
        assertThat(s.imagesPerClass()).containsExactly(4, 4, 4);
        assertThat(s.isComplete()).isTrue();
        assertThat(s.imagePaths()).hasSize(12);
        assertReferenceSemantics(ds, s, 3, 4);
    }

    @Test
    void smallClassesUseMorePeopleAndTheLastIsCutShort() {
        // 4 classes of 3 images, 2 people x 4 images wanted = 8: takes 3, 3 and then 2 of the third class.
        Dataset ds = dataset(3, 3, 3, 3);
        for (long seq = 0; seq < 20; seq++) {
            PeopleBatchSample s = new PeopleSampler(ds, 2, 4).sample(1, seq);
            assertThat(s.imagesPerClass()).containsExactly(3, 3, 2);
            assertThat(s.people()).hasSize(3);
            assertReferenceSemantics(ds, s, 2, 4);
        }
    }

    @Test
    void unevenClassesFollowTheReferencesRuleForManySeeds() {
        Dataset ds = dataset(1, 5, 2, 7, 3, 0, 9, 4, 6, 2, 8, 1);
        for (long seed = 0; seed < 200; seed++) {
            PeopleBatchSample s = new PeopleSampler(ds, 3, 5).sample(seed, seed * 31);
            assertReferenceSemantics(ds, s, 3, 5);
            assertThat(s.isComplete()).isTrue();
            assertThat(s.imagesPerClass()).doesNotContain(0);
            assertThat(s.labels()).hasSize(15);
        }
    }

    @Test
    void aDatasetWithTooFewImagesYieldsAnIncompleteSampleOfEverything() {
        Dataset ds = dataset(2, 0, 3);
        PeopleBatchSample s = new PeopleSampler(ds, 4, 4).sample(3, 9);
        assertThat(s.isComplete()).isFalse();
        assertThat(s.imageCount()).isEqualTo(5);
        assertThat(s.requestedImages()).isEqualTo(16);
        assertThat(s.imagePaths()).containsExactlyInAnyOrder("c0/0.png", "c0/1.png", "c2/0.png", "c2/1.png", "c2/2.png");
        assertThat(s.people()).extracting(SampledPerson::label).doesNotContain(1); // the empty class gives no person
    }

    @Test
    void deterministicFromSeedAndSequence() {
        Dataset ds = dataset(20, 20, 20, 20, 20, 20, 20, 20, 20, 20);
        PeopleSampler sampler = new PeopleSampler(ds, 4, 5);
        PeopleBatchSample a = sampler.sample(42, 17);
        PeopleBatchSample b = new PeopleSampler(ds, 4, 5).sample(42, 17);
        assertThat(b.people()).isEqualTo(a.people());
        // Different sequence numbers or seeds give different batches (C(10,4) * ... makes a repeat very unlikely).
        assertThat(sampler.sample(42, 18).imagePaths()).isNotEqualTo(a.imagePaths());
        assertThat(sampler.sample(43, 17).imagePaths()).isNotEqualTo(a.imagePaths());
    }

    @Test
    void everyClassAndEveryImageGetsDrawnOverManyBatches() {
        Dataset ds = dataset(6, 6, 6, 6, 6, 6, 6, 6);
        PeopleSampler sampler = new PeopleSampler(ds, 2, 3);
        int[] firstPicks = new int[8];
        Set<String> seen = new HashSet<>();
        for (long seq = 0; seq < 4000; seq++) {
            PeopleBatchSample s = sampler.sample(5, seq);
            firstPicks[s.people().get(0).label()]++;
            seen.addAll(s.imagePaths());
        }
        assertThat(seen).hasSize(48);
        // Uniform shuffle: each class first ~500 times of 4000 (binomial sd ~21); allow 5 sd.
        for (int count : firstPicks) {
            assertThat(count).isBetween(395, 605);
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        Dataset ds = dataset(3);
        assertThatThrownBy(() -> new PeopleSampler(ds, 0, 4)).hasMessageContaining("people_per_batch");
        assertThatThrownBy(() -> new PeopleSampler(ds, 2, -1)).hasMessageContaining("images_per_person");
    }
}
