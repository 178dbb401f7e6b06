package io.facenetstreams.core.synth;

import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.Seeds;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Writes a synthetic face dataset:
 * <pre>
 * out/train/synth_000000/synth_000000_0001.png ...   training identities 0..N-1
 * out/lfw/synth_00N/synth_00N_0001.png ...           evaluation identities N..N+K-1 (disjoint)
 * out/pairs.txt                                      LFW format, folds from disjoint identity groups
 * out/generation.json                                the parameters; written last, so it marks a complete set
 * </pre>
 * Identity {@code i}'s parameters come from (seed, i) and image {@code j}'s nuisance from (seed, i, j),
 * so the bytes written do not depend on the number of threads or the order of work.
 */
public final class FaceDatasetGenerator {

    /** Bumped whenever rendering changes, so a manifest tells which renderer made a set. */
    public static final int GENERATOR_VERSION = 1;
    public static final String TRAIN_DIR = "train";
    public static final String LFW_DIR = "lfw";
    public static final String PAIRS_FILE = "pairs.txt";
    public static final String MANIFEST_FILE = "generation.json";

    private static final long IDENTITY_DOMAIN = 1;
    private static final long IMAGE_DOMAIN = 2;

    private final GeneratorOptions options;
    private final FaceRenderer renderer;

    public FaceDatasetGenerator(GeneratorOptions options) {
        this.options = options;
        this.renderer = new FaceRenderer(options.imageSize());
    }

    /** Whether {@code dir} holds a complete generated set (the manifest is written last). */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST_FILE));
    }

    /** {@code synth_%06d}. */
    public static String identityName(int index) {
        return String.format(Locale.ROOT, "synth_%06d", index);
    }

    /** Identity {@code index}'s parameters (training identities first, then LFW identities). */
    public IdentityParameters identity(int index) {
        return IdentityParameters.random(new SplittableRandom(Seeds.derive(options.seed(), IDENTITY_DOMAIN, index)));
    }

    private BufferedImage render(IdentityParameters id, int index, int image) {
        SplittableRandom r = new SplittableRandom(Seeds.derive(options.seed(), IMAGE_DOMAIN, index, image));
        return renderer.render(id, Nuisance.random(r, options.nuisance()));
    }

    /** Generates into an empty (or missing) directory. */
    public GenerationSummary generate(Path out, ProgressListener listener) throws IOException {
        return generate(out, false, listener);
    }

    /**
     * Generates into {@code out}. A non-empty directory is refused unless {@code overwrite}; then the
     * previous train/, lfw/, pairs.txt and generation.json are deleted first (nothing else is touched).
     */
    public GenerationSummary generate(Path out, boolean overwrite, ProgressListener listener) throws IOException {
        long start = System.nanoTime();
        prepare(out, overwrite);
        Path train = out.resolve(TRAIN_DIR);
        Path lfw = out.resolve(LFW_DIR);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < options.identities() + options.lfwIdentities(); i++) {
            indices.add(i);
        }
        long total = options.totalImages();
        Progress progress = new Progress(total, listener == null ? ProgressListener.NONE : listener);
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread t = new Thread(runnable, "generate-faces");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int index : indices) {
                Path dir = (index < options.identities() ? train : lfw).resolve(identityName(index));
                futures.add(pool.submit(() -> {
                    writeIdentity(index, dir);
                    progress.add(options.imagesPerIdentity());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            throw new IllegalStateException("rendering failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("generation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        Path pairsFile = null;
        int pairs = 0;
        if (options.lfwIdentities() > 0) {
            List<String> lfwNames = new ArrayList<>();
            for (int i = options.identities(); i < options.identities() + options.lfwIdentities(); i++) {
                lfwNames.add(identityName(i));
            }
            LfwPairs planned = PairsPlanner.plan(lfwNames, options.imagesPerIdentity(), options.folds(),
                    options.pairsPerHalf(), options.seed());
            pairsFile = out.resolve(PAIRS_FILE);
            LfwPairs.write(pairsFile, planned);
            pairs = planned.entries().size();
        }
        Files.writeString(out.resolve(MANIFEST_FILE), manifest(), StandardCharsets.UTF_8);
        return new GenerationSummary(out, train, options.lfwIdentities() > 0 ? lfw : null, pairsFile,
                options.identities(), options.lfwIdentities(), total, pairs, Duration.ofNanos(System.nanoTime() - start));
    }

    private void writeIdentity(int index, Path dir) throws IOException {
        Files.createDirectories(dir);
        IdentityParameters id = identity(index);
        String name = identityName(index);
        for (int j = 1; j <= options.imagesPerIdentity(); j++) {
            BufferedImage img = render(id, index, j);
            Path file = dir.resolve(LfwPairs.imageStem(name, j) + ".png");
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IOException("no PNG writer available to write " + file);
            }
        }
    }

    private static void prepare(Path out, boolean overwrite) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException("output " + out + " exists and is not a directory");
        }
        if (Files.isDirectory(out)) {
            boolean empty;
            try (var entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty) {
                if (!overwrite) {
                    throw new IOException("output directory " + out + " is not empty; refusing to write into it"
                            + " (use --force to replace a previous generation there)");
                }
                for (String previous : List.of(MANIFEST_FILE, PAIRS_FILE, TRAIN_DIR, LFW_DIR)) {
                    deleteRecursively(out.resolve(previous));
                }
            }
        }
        Files.createDirectories(out);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** generation.json: the parameters that, with this generator version, reproduce the set. */
    String manifest() {
        GeneratorOptions o = options;
        return "{\n"
                + "  \"generator\": \"facenet-streams synthetic identities\",\n"
                + "  \"generatorVersion\": " + GENERATOR_VERSION + ",\n"
                + "  \"seed\": " + o.seed() + ",\n"
                + "  \"identities\": " + o.identities() + ",\n"
                + "  \"imagesPerIdentity\": " + o.imagesPerIdentity() + ",\n"
                + "  \"lfwIdentities\": " + o.lfwIdentities() + ",\n"
                + "  \"folds\": " + o.folds() + ",\n"
                + "  \"pairsPerHalf\": " + o.pairsPerHalf() + ",\n"
                + "  \"imageSize\": " + o.imageSize() + ",\n"
                + "  \"nuisance\": " + o.nuisance() + ",\n"
                + "  \"trainDir\": \"" + TRAIN_DIR + "\",\n"
                + "  \"lfwDir\": " + (o.lfwIdentities() > 0 ? "\"" + LFW_DIR + "\"" : "null") + ",\n"
                + "  \"pairsFile\": " + (o.lfwIdentities() > 0 ? "\"" + PAIRS_FILE + "\"" : "null") + ",\n"
                + "  \"imageNames\": \"<identity>/<identity>_%04d.png, 1-based\",\n"
                + "  \"images\": " + o.totalImages() + "\n"
                + "}\n";
    }

    /** Reports progress at every tenth of the work (and at the end), one call at a time. */
    private static final class Progress {
        private final long total;
        private final ProgressListener listener;
        private final AtomicLong done = new AtomicLong();
        private long reportedTenths;

        Progress(long total, ProgressListener listener) {
            this.total = total;
            this.listener = listener;
        }

        void add(int images) {
            long now = done.addAndGet(images);
            long tenths = now * 10 / total;
            synchronized (this) {
                if (tenths > reportedTenths) {
                    reportedTenths = tenths;
                    listener.progress((int) Math.min(now, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE));
                }
            }
        }
    }
}
