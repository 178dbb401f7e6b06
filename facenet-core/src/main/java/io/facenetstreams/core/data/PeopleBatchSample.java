package io.facenetstreams.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A people-batch as the reference's {@code sample_people} returns it: the people in batch order, each
 * with its images. {@link #imagePaths()} is the reference's {@code image_paths} and {@link #imagesPerClass()}
 * its {@code num_per_class}. {@link #isComplete()} is false when the dataset ran out of classes before
 * {@link #requestedImages()} images were taken (the reference failed with an IndexError there).
 */
public record PeopleBatchSample(List<SampledPerson> people, int requestedImages) {

    public PeopleBatchSample {
        people = List.copyOf(people);
    }

    /** Number of images taken from each person, in batch order. */
    public int[] imagesPerClass() {
        return people.stream().mapToInt(p -> p.imagePaths().size()).toArray();
    }

    /** All image references, person after person. */
    public List<String> imagePaths() {
        List<String> all = new ArrayList<>(imageCount());
        people.forEach(p -> all.addAll(p.imagePaths()));
        return all;
    }

    /** The label of every image, aligned with {@link #imagePaths()}. */
    public int[] labels() {
        int[] labels = new int[imageCount()];
        int i = 0;
        for (SampledPerson p : people) {
            for (int k = 0; k < p.imagePaths().size(); k++) {
                labels[i++] = p.label();
            }
        }
        return labels;
    }

    /** Number of images taken. */
    public int imageCount() {
        return people.stream().mapToInt(p -> p.imagePaths().size()).sum();
    }

    /** True when as many images were taken as requested. */
    public boolean isComplete() {
        return imageCount() == requestedImages;
    }
}
