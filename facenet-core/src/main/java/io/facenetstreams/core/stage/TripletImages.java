package io.facenetstreams.core.stage;

import io.facenetstreams.core.image.ImageBatchLoader;

import java.util.ArrayList;
import java.util.List;

/**
 * Triplets as the trainer receives them: a list of images and, per triplet, the indices of its anchor,
 * positive and negative in that list (an image used by many triplets is listed once).
 *
 * @param images   the images, each a reference under the dataset root with its optional sha256
 * @param triplets flat {@code a0, p0, n0, a1, ...} indices into {@code images}
 */
public record TripletImages(List<ImageBatchLoader.Source> images, int[] triplets) {

    /** @throws IllegalArgumentException when the indices do not come in threes or leave {@code images} */
    public TripletImages {
        images = List.copyOf(images);
        triplets = triplets.clone();
        if (triplets.length % 3 != 0) {
            throw new IllegalArgumentException("triplet indices come in threes (anchor, positive, negative), got "
                    + triplets.length);
        }
        for (int i = 0; i < triplets.length; i++) {
            if (triplets[i] < 0 || triplets[i] >= images.size()) {
                throw new IllegalArgumentException("triplet " + i / 3 + " refers to image " + triplets[i] + " of "
                        + images.size());
            }
        }
    }

    public int count() {
        return triplets.length / 3;
    }

    /** Each triplet's three images in (anchor, positive, negative) order, as the training loop loads them. */
    public List<ImageBatchLoader.Source> sources() {
        List<ImageBatchLoader.Source> sources = new ArrayList<>(triplets.length);
        for (int index : triplets) {
            sources.add(images.get(index));
        }
        return sources;
    }
}
