package io.facenetstreams.core.synth;

import io.facenetstreams.core.data.LfwPairs;
import io.facenetstreams.core.data.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws an LFW-style pair list: the evaluation identities are split into {@code folds} disjoint
 * contiguous groups, and each fold's same and different pairs come from its own group only, as in
 * LFW, so that the folds are independent. Pairs are distinct within a fold; image indices are 1-based.
 */
final class PairsPlanner {

    private static final long PAIRS_DOMAIN = 3;

    private PairsPlanner() {
    }

    static LfwPairs plan(List<String> names, int imagesPerIdentity, int folds, int pairsPerHalf, long seed) {
        GeneratorOptions.checkPairsFit(names.size(), imagesPerIdentity, folds, pairsPerHalf);
        List<LfwPairs.Entry> entries = new ArrayList<>(2 * folds * pairsPerHalf);
        int base = names.size() / folds;
        int extra = names.size() % folds;
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int groupSize = base + (f < extra ? 1 : 0);
            List<String> group = names.subList(start, start + groupSize);
            start += groupSize;
            SplittableRandom r = new SplittableRandom(Seeds.derive(seed, PAIRS_DOMAIN, f));
            entries.addAll(samePairs(group, imagesPerIdentity, pairsPerHalf, r));
            entries.addAll(differentPairs(group, imagesPerIdentity, pairsPerHalf, r));
        }
        return new LfwPairs(folds, pairsPerHalf, entries);
    }

    private static List<LfwPairs.Entry> samePairs(List<String> group, int m, int count, SplittableRandom r) {
        long candidates = group.size() * ((long) m * (m - 1) / 2);
        List<long[]> chosen = new ArrayList<>(count);
        if (2L * count <= candidates) {
            Set<List<Integer>> seen = new HashSet<>();
            while (chosen.size() < count) {
                int a = r.nextInt(group.size());
                int i = r.nextInt(m);
                int j = r.nextInt(m - 1);
                if (j >= i) {
                    j++;
                }
                int lo = Math.min(i, j);
                int hi = Math.max(i, j);
                if (seen.add(List.of(a, lo, hi))) {
                    chosen.add(new long[] {a, lo, hi});
                }
            }
        } else {
            List<long[]> all = new ArrayList<>();
            for (int a = 0; a < group.size(); a++) {
                for (int i = 0; i < m; i++) {
                    for (int j = i + 1; j < m; j++) {
                        all.add(new long[] {a, i, j});
                    }
                }
            }
            chosen.addAll(firstAfterShuffle(all, count, r));
        }
        List<LfwPairs.Entry> out = new ArrayList<>(count);
        for (long[] c : chosen) {
            String name = group.get((int) c[0]);
            out.add(LfwPairs.Entry.same(name, (int) c[1] + 1, (int) c[2] + 1));
        }
        out.sort(ORDER);
        return out;
    }

    private static List<LfwPairs.Entry> differentPairs(List<String> group, int m, int count, SplittableRandom r) {
        int g = group.size();
        long candidates = (long) g * (g - 1) / 2 * m * m;
        List<long[]> chosen = new ArrayList<>(count);
        if (2L * count <= candidates) {
            Set<List<Integer>> seen = new HashSet<>();
            while (chosen.size() < count) {
                int a = r.nextInt(g);
                int b = r.nextInt(g - 1);
                if (b >= a) {
                    b++;
                }
                int i = r.nextInt(m);
                int j = r.nextInt(m);
                long[] c = a < b ? new long[] {a, i, b, j} : new long[] {b, j, a, i};
                if (seen.add(List.of((int) c[0], (int) c[1], (int) c[2], (int) c[3]))) {
                    chosen.add(c);
                }
            }
        } else {
            List<long[]> all = new ArrayList<>();
            for (int a = 0; a < g; a++) {
                for (int b = a + 1; b < g; b++) {
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < m; j++) {
                            all.add(new long[] {a, i, b, j});
                        }
                    }
                }
            }
            chosen.addAll(firstAfterShuffle(all, count, r));
        }
        List<LfwPairs.Entry> out = new ArrayList<>(count);
        for (long[] c : chosen) {
            out.add(LfwPairs.Entry.different(group.get((int) c[0]), (int) c[1] + 1, group.get((int) c[2]), (int) c[3] + 1));
        }
        out.sort(ORDER);
        return out;
    }

    /** A uniformly random subset of {@code count} elements (partial Fisher-Yates). */
    private static List<long[]> firstAfterShuffle(List<long[]> all, int count, SplittableRandom r) {
        for (int i = 0; i < count; i++) {
            int j = i + r.nextInt(all.size() - i);
            long[] t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return all.subList(0, count);
    }

    /** LFW lists pairs sorted by name, then by image numbers. */
    private static final Comparator<LfwPairs.Entry> ORDER = Comparator.comparing(LfwPairs.Entry::leftName)
            .thenComparingInt(LfwPairs.Entry::leftIndex)
            .thenComparing(LfwPairs.Entry::rightName)
            .thenComparingInt(LfwPairs.Entry::rightIndex);
}
