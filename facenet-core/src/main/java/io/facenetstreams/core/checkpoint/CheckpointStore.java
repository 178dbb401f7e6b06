package io.facenetstreams.core.checkpoint;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.facenetstreams.core.data.ContentHash;
import io.facenetstreams.core.model.EmbeddingModel;
import io.facenetstreams.core.model.NetworkArchitecture;
import io.facenetstreams.core.model.NetworkSpec;
import io.facenetstreams.core.train.TrainingOptions;
import io.facenetstreams.core.train.TripletTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of checkpoints named {@code model-<version>.ckpt} (version = global step, 12 digits). Each
 * save writes a temporary file in the same directory, forces it to disk, renames it into place atomically
 * and forces the directory, so a reader never sees a partial file under a checkpoint's name; then only
 * the newest {@code keepLast} versions are kept (the reference's {@code max_to_keep=3}). One writer per
 * directory; any number of readers.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("model-(\\d{12})\\.ckpt");
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path directory;
    private final int keepLast;

    /** A store keeping the last 3 checkpoints. */
    public CheckpointStore(Path directory) throws IOException {
        this(directory, 3);
    }

    public CheckpointStore(Path directory, int keepLast) throws IOException {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep_last must be at least 1, got " + keepLast);
        }
        this.directory = directory;
        this.keepLast = keepLast;
        Files.createDirectories(directory);
        removeLeftoverTemporaries();
    }

    public Path directory() {
        return directory;
    }

    /** The file name of a version's checkpoint. */
    public static String fileName(long version) {
        return String.format(Locale.ROOT, "model-%012d.ckpt", version);
    }

    /**
     * Writes the trainer's network, optimizer state and options as the checkpoint for its global step,
     * with {@code metadata} (e.g. consumed offsets; null for none; no null keys or values) stored verbatim;
     * then deletes all but the last K.
     */
    public CheckpointInfo save(TripletTrainer trainer, int epoch, Map<String, String> metadata) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        NetworkSpec spec = trainer.spec();
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(parameters)) {
            trainer.saveParameters(out);
        }
        ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(optimizer)) {
            trainer.saveOptimizerState(out);
        }
        CheckpointFormat.Header header = new CheckpointFormat.Header(spec.architecture(), spec.embeddingSize(),
                spec.imageSize(), spec.keepProbability(), trainer.globalStep(), epoch,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                trainer.options().toMap(), metadata == null ? Map.of() : Map.copyOf(metadata));
        Path target = directory.resolve(fileName(trainer.globalStep()));
        String sha256 = writeAtomically(target, header, parameters.toByteArray(), optimizer.toByteArray());
        CheckpointInfo info = info(header, target, sha256, Files.size(target));
        prune();
        return info;
    }

    private String writeAtomically(Path target, CheckpointFormat.Header header, byte[] parameters, byte[] optimizer)
            throws IOException {
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            MessageDigest whole = ContentHash.newSha256();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream file = new DigestOutputStream(Channels.newOutputStream(channel), whole);
                MessageDigest content = ContentHash.newSha256();
                DataOutputStream out = new DataOutputStream(
                        new java.io.BufferedOutputStream(new DigestOutputStream(file, content), 1 << 16));
                CheckpointFormat.write(out, header, parameters, optimizer);
                out.flush();
                file.write(content.digest());
                file.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            return HexFormat.of().formatHex(whole.digest());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot open or sync a directory; the rename itself is still atomic.
            LOG.debug("could not sync directory {}: {}", directory, e.getMessage());
        }
    }

    /** Deletes all but the newest {@code keepLast} checkpoint files. */
    public void prune() throws IOException {
        List<Path> files = checkpointFiles();
        for (int i = 0; i < files.size() - keepLast; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".model-*" + TEMP_SUFFIX)) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Checkpoint files by ascending version (names only; content unchecked). */
    private List<Path> checkpointFiles() throws IOException {
        return checkpointFiles(directory);
    }

    private static List<Path> checkpointFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "model-*.ckpt")) {
            for (Path p : entries) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(CheckpointStore::versionOf));
        return files;
    }

    private static long versionOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The checkpoints whose headers can be read, oldest first (a file whose header cannot be read is
     * skipped with a warning; content digests are not checked here).
     */
    public List<CheckpointInfo> list() throws IOException {
        List<CheckpointInfo> infos = new ArrayList<>();
        for (Path file : checkpointFiles()) {
            try {
                infos.add(readInfo(file));
            } catch (NoSuchFileException e) {
                // pruned meanwhile
            } catch (InvalidCheckpointException e) {
                LOG.warn("skipping unreadable checkpoint: {}", e.getMessage());
            }
        }
        return infos;
    }

    /** The newest checkpoint whose header can be read. */
    public Optional<CheckpointInfo> latest() throws IOException {
        List<CheckpointInfo> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The newest checkpoint that is complete and intact (its content digest and sections check out);
     * damaged newer files are skipped with a warning.
     */
    public Optional<CheckpointInfo> latestValid() throws IOException {
        return latestValid(directory);
    }

    /**
     * A checkpoint of a directory that a trainer may be writing to at the same time, found without creating,
     * pruning or cleaning anything: the given version, or (when null) the newest complete and intact one.
     *
     * @throws NoSuchFileException when the directory, or the version asked for, does not exist, or when the
     *     directory holds no valid checkpoint; the message lists the versions present
     */
    public static CheckpointInfo find(Path directory, Long version) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "checkpoint directory not found");
        }
        if (version == null) {
            return latestValid(directory).orElseThrow(() -> new NoSuchFileException(directory.toString(), null,
                    "no valid checkpoint in this directory"));
        }
        Path file = directory.resolve(fileName(version));
        if (!Files.isRegularFile(file)) {
            List<Long> present = checkpointFiles(directory).stream().map(CheckpointStore::versionOf).toList();
            throw new NoSuchFileException(file.toString(), null, "no checkpoint of version " + version
                    + (present.isEmpty() ? " (the directory holds none)" : " (versions present: " + present + ")"));
        }
        return readInfo(file);
    }

    private static Optional<CheckpointInfo> latestValid(Path directory) throws IOException {
        List<Path> files = checkpointFiles(directory);
        for (int i = files.size() - 1; i >= 0; i--) {
            Path file = files.get(i);
            try {
                CheckpointFormat.Content content = CheckpointFormat.read(file);
                return Optional.of(info(content.header(), file, content.sha256(), Files.size(file)));
            } catch (NoSuchFileException e) {
                // pruned meanwhile
            } catch (InvalidCheckpointException e) {
                LOG.warn("skipping invalid checkpoint: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** A checkpoint's header, size and sha256 (the content digest is not checked). */
    public static CheckpointInfo readInfo(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
        }
        CheckpointFormat.Header header = CheckpointFormat.readHeader(file);
        return info(header, file, ContentHash.sha256(file), Files.size(file));
    }

    /** The sha256 of a file, hex, lower case. */
    public static String sha256(Path file) throws IOException {
        return ContentHash.sha256(file);
    }

    /**
     * Loads a checkpoint into a new network for embedding, on DJL's default device. {@code expectedSha256}
     * (hex, any case), when not null, must match the file's.
     */
    public static EmbeddingModel load(Path file, String expectedSha256) throws IOException {
        return load(file, expectedSha256, null, 0, Engine.getInstance().defaultDevice());
    }

    /**
     * Loads a checkpoint into a new network for embedding, checking the sha256 (when given) and that the
     * file holds the expected architecture and embedding size (when given: not null, not 0).
     */
    public static EmbeddingModel load(Path file, String expectedSha256, NetworkArchitecture expectedArchitecture,
            int expectedEmbeddingSize, Device device) throws IOException {
        CheckpointFormat.Content content = readVerified(file, expectedSha256);
        CheckpointFormat.Header h = content.header();
        checkNetwork(file, h, expectedArchitecture, expectedEmbeddingSize, 0);
        NetworkSpec spec = new NetworkSpec(h.architecture(), h.embeddingSize(), h.imageSize(), h.keepProbability());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content.parameters()))) {
            return EmbeddingModel.load(spec, in, device);
        } catch (InvalidCheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidCheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resumes training from a checkpoint: the network, the global step and, when the optimizer is the
     * same kind, its slots. The options must describe the same network (architecture, embedding size,
     * image size) as the checkpoint.
     */
    public static TripletTrainer loadTrainer(Path file, String expectedSha256, NetworkArchitecture architecture,
            TrainingOptions options, Device device) throws IOException {
        CheckpointFormat.Content content = readVerified(file, expectedSha256);
        CheckpointFormat.Header h = content.header();
        checkNetwork(file, h, architecture, options.embeddingSize(), options.resolvedImageSize(architecture));
        try (DataInputStream parameters = new DataInputStream(new ByteArrayInputStream(content.parameters()));
                DataInputStream optimizer = content.optimizerState().length == 0 ? null
                        : new DataInputStream(new ByteArrayInputStream(content.optimizerState()))) {
            return TripletTrainer.resume(architecture, options, device, h.version(), parameters, optimizer);
        } catch (IOException e) {
            throw new InvalidCheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static CheckpointFormat.Content readVerified(Path file, String expectedSha256) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "checkpoint not found");
        }
        CheckpointFormat.Content content;
        try {
            content = CheckpointFormat.read(file);
        } catch (InvalidCheckpointException e) {
            // A file that is not the announced one is reported as such, damaged or not.
            if (expectedSha256 != null) {
                checkSha256(file, ContentHash.sha256(file), expectedSha256);
            }
            throw e;
        }
        if (expectedSha256 != null) {
            checkSha256(file, content.sha256(), expectedSha256);
        }
        return content;
    }

    private static void checkSha256(Path file, String actual, String expectedSha256) throws InvalidCheckpointException {
        if (!actual.equalsIgnoreCase(expectedSha256.trim())) {
            throw new InvalidCheckpointException("checkpoint " + file + " has sha256 " + actual + ", expected "
                    + expectedSha256.trim().toLowerCase(Locale.ROOT));
        }
    }

    private static void checkNetwork(Path file, CheckpointFormat.Header h, NetworkArchitecture architecture,
            int embeddingSize, int imageSize) throws InvalidCheckpointException {
        if (architecture != null && h.architecture() != architecture) {
            throw new InvalidCheckpointException("checkpoint " + file + " holds a " + h.architecture()
                    + " network, expected " + architecture);
        }
        if (embeddingSize > 0 && h.embeddingSize() != embeddingSize) {
            throw new InvalidCheckpointException("checkpoint " + file + " has embedding size " + h.embeddingSize()
                    + ", expected " + embeddingSize);
        }
        if (imageSize > 0 && h.imageSize() != imageSize) {
            throw new InvalidCheckpointException("checkpoint " + file + " has image size " + h.imageSize()
                    + ", expected " + imageSize);
        }
    }

    private static CheckpointInfo info(CheckpointFormat.Header h, Path file, String sha256, long size) {
        return new CheckpointInfo(h.version(), h.epoch(), h.architecture(), h.embeddingSize(), h.imageSize(), file,
                sha256, size, h.metadata(), h.createdAt(), h.trainingOptions());
    }
}
