package io.facenetstreams.miner;

import io.facenetstreams.core.stage.MineStage;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;
import io.facenetstreams.schemas.Triplet;
import io.facenetstreams.schemas.TripletBatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mined batch ({@link MineStage.Mined}) as {@link TripletBatch} records: each part lists the images its
 * triplets use once and refers to them by index; parts hold at most {@code maxPerRecord} triplets. A selection
 * with no triplet still yields one (empty) record, so that the trainer closes the batch and the sampler's
 * window moves on.
 */
final class TripletBatches {

    private TripletBatches() {
    }

    /** The batch's images in row order (the order of the manifest's people and their images). */
    static List<ImageRef> rows(PeopleBatch manifest) {
        List<ImageRef> rows = new ArrayList<>(manifest.getImageCount());
        for (Person p : manifest.getPeople()) {
            rows.addAll(p.getImages());
        }
        return rows;
    }

    /** The label of every row. */
    static int[] labels(PeopleBatch manifest) {
        int[] labels = new int[manifest.getImageCount()];
        int row = 0;
        for (Person p : manifest.getPeople()) {
            for (int i = 0; i < p.getImages().size(); i++) {
                labels[row++] = p.getLabel();
            }
        }
        return labels;
    }

    static List<TripletBatch> of(PeopleBatch manifest, MineStage.Mined mined, int maxPerRecord) {
        List<ImageRef> rows = rows(manifest);
        int count = mined.tripletCount();
        int parts = Math.max(1, (count + maxPerRecord - 1) / maxPerRecord);
        List<TripletBatch> out = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * maxPerRecord;
            int to = Math.min(count, from + maxPerRecord);
            Map<Integer, Integer> index = new HashMap<>();
            List<ImageRef> images = new ArrayList<>();
            List<Triplet> triplets = new ArrayList<>(to - from);
            for (int t = from; t < to; t++) {
                triplets.add(Triplet.newBuilder()
                        .setAnchor(indexOf(mined.anchorRow(t), rows, index, images))
                        .setPositive(indexOf(mined.positiveRow(t), rows, index, images))
                        .setNegative(indexOf(mined.negativeRow(t), rows, index, images))
                        .build());
            }
            out.add(TripletBatch.newBuilder()
                    .setBatchId(manifest.getBatchId())
                    .setSequence(manifest.getSequence())
                    .setEpoch(manifest.getEpoch())
                    .setModelVersion(manifest.getModelVersion())
                    .setStrategy(mined.strategy().cliName())
                    // The margin the triplets were mined with: the trainer's loss uses it.
                    .setAlpha(mined.alpha())
                    .setPairsConsidered(mined.pairsConsidered())
                    .setImages(images)
                    .setTriplets(triplets)
                    .setSelectionMicros(mined.selectionNanos() / 1000)
                    .setImagesEmbedded(mined.imagesEmbedded())
                    .setImagesFailed(mined.imagesMissing())
                    .setConfig(manifest.getConfig())
                    .setPart(part)
                    .setPartCount(parts)
                    .build());
        }
        return out;
    }

    /** The one record that closes a batch that could not be mined: no triplets, and the reason. */
    static TripletBatch closed(PeopleBatch manifest, String reason) {
        return TripletBatch.newBuilder()
                .setBatchId(manifest.getBatchId())
                .setSequence(manifest.getSequence())
                .setEpoch(manifest.getEpoch())
                .setModelVersion(manifest.getModelVersion())
                .setStrategy(manifest.getConfig().getStrategy())
                .setAlpha(manifest.getConfig().getAlpha())
                .setPairsConsidered(0)
                .setImages(List.of())
                .setTriplets(List.of())
                .setSelectionMicros(0)
                .setConfig(manifest.getConfig())
                .setClosedReason(reason)
                .build();
    }

    private static int indexOf(int row, List<ImageRef> rows, Map<Integer, Integer> index, List<ImageRef> images) {
        return index.computeIfAbsent(row, r -> {
            images.add(rows.get(r));
            return images.size() - 1;
        });
    }
}
