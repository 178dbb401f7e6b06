package io.facenetstreams.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The reference's {@code sample_people}: shuffle the classes; take classes in that order, from each
 * {@code min(class size, imagesPerPerson, remaining)} images chosen by shuffling the class's image
 * indices and taking the first ones; stop once {@code peoplePerBatch * imagesPerPerson} images are
 * taken. The last class may be cut short, and more than {@code peoplePerBatch} classes are used when
 * classes are small.
 *
 * <p>Differences from the seed, on purpose: the random stream is derived from (seed, sequence), so a
 * restarted sampler reproduces batch N without replaying batches 0..N-1; a dataset with fewer images
 * than requested yields an incomplete sample ({@link PeopleBatchSample#isComplete()}) instead of an
 * IndexError; empty classes contribute no person (the reference appended a 0 to {@code num_per_class}).
 */
public final class PeopleSampler {

    private final Dataset dataset;
    private final int peoplePerBatch;
    private final int imagesPerPerson;

    public PeopleSampler(Dataset dataset, int peoplePerBatch, int imagesPerPerson) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (peoplePerBatch <= 0) {
            throw new IllegalArgumentException("people_per_batch must be > 0, got " + peoplePerBatch);
        }
        if (imagesPerPerson <= 0) {
            throw new IllegalArgumentException("images_per_person must be > 0, got " + imagesPerPerson);
        }
        if ((long) peoplePerBatch * imagesPerPerson > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("people_per_batch * images_per_person is too large: "
                    + peoplePerBatch + " * " + imagesPerPerson);
        }
        this.peoplePerBatch = peoplePerBatch;
        this.imagesPerPerson = imagesPerPerson;
    }

    /** Images a complete batch holds: {@code peoplePerBatch * imagesPerPerson}. */
    public int imagesPerBatch() {
        return peoplePerBatch * imagesPerPerson;
    }

    /** The people-batch number {@code sequence} of the stream seeded with {@code seed}. */
    public PeopleBatchSample sample(long seed, long sequence) {
        return sample(new SplittableRandom(Seeds.derive(seed, sequence)));
    }

    /** One people-batch drawn with {@code random}. */
    public PeopleBatchSample sample(SplittableRandom random) {
        int wanted = imagesPerBatch();
        List<IdentityClass> classes = dataset.classes();
        int[] classOrder = identity(classes.size());
        shuffle(classOrder, random);
        List<SampledPerson> people = new ArrayList<>();
        int taken = 0;
        for (int i = 0; taken < wanted && i < classOrder.length; i++) {
            IdentityClass cls = classes.get(classOrder[i]);
            int[] imageOrder = identity(cls.size());
            shuffle(imageOrder, random);
            int n = Math.min(Math.min(cls.size(), imagesPerPerson), wanted - taken);
            if (n == 0) {
                continue;
            }
            List<String> paths = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                paths.add(cls.imagePaths().get(imageOrder[k]));
            }
            people.add(new SampledPerson(cls.name(), cls.label(), paths));
            taken += n;
        }
        return new PeopleBatchSample(people, wanted);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates, from the end, as numpy's shuffle walks. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
