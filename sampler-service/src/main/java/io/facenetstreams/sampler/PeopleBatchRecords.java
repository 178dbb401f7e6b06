package io.facenetstreams.sampler;

import io.facenetstreams.core.data.PeopleBatchSample;
import io.facenetstreams.core.data.SampledPerson;
import io.facenetstreams.schemas.BatchConfig;
import io.facenetstreams.schemas.EmbeddingRequest;
import io.facenetstreams.schemas.ImageRef;
import io.facenetstreams.schemas.IndexedImage;
import io.facenetstreams.schemas.PeopleBatch;
import io.facenetstreams.schemas.Person;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sampled people-batch as records: the {@link PeopleBatch} manifest and its {@link EmbeddingRequest}
 * chunks, every image with its batch row, label and content hash.
 */
record PeopleBatchRecords(PeopleBatch batch, List<EmbeddingRequest> requests) {

    static String batchId(long sequence) {
        return String.format("b-%09d", sequence);
    }

    static PeopleBatchRecords of(PeopleBatchSample sample, long sequence, int epoch, long modelVersion, BatchConfig config,
                                 int chunkSize, Function<String, String> sha256) {
        String id = batchId(sequence);
        List<Person> people = new ArrayList<>();
        List<IndexedImage> rows = new ArrayList<>();
        for (SampledPerson person : sample.people()) {
            List<ImageRef> images = new ArrayList<>();
            for (String path : person.imagePaths()) {
                ImageRef ref = ImageRef.newBuilder().setPath(path).setSha256(sha256.apply(path)).build();
                images.add(ref);
                rows.add(IndexedImage.newBuilder().setIndex(rows.size()).setLabel(person.label()).setImage(ref).build());
            }
            people.add(Person.newBuilder().setClassName(person.className()).setLabel(person.label()).setImages(images).build());
        }
        int chunks = Math.max(1, (rows.size() + chunkSize - 1) / chunkSize);
        List<EmbeddingRequest> requests = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            requests.add(EmbeddingRequest.newBuilder()
                    .setBatchId(id)
                    .setSequence(sequence)
                    .setChunkIndex(c)
                    .setChunkCount(chunks)
                    .setModelVersion(modelVersion)
                    .setImages(rows.subList(c * chunkSize, Math.min(rows.size(), (c + 1) * chunkSize)))
                    .setConfig(config)
                    .build());
        }
        PeopleBatch batch = PeopleBatch.newBuilder()
                .setBatchId(id)
                .setSequence(sequence)
                .setEpoch(epoch)
                .setModelVersion(modelVersion)
                .setImageCount(rows.size())
                .setChunkCount(chunks)
                .setPeople(people)
                .setConfig(config)
                .setCreatedAt(Instant.now())
                .build();
        return new PeopleBatchRecords(batch, requests);
    }

    /** Key of a request: {@code <batch id>/<chunk index>}. */
    static String requestKey(EmbeddingRequest request) {
        return request.getBatchId() + "/" + request.getChunkIndex();
    }
}
