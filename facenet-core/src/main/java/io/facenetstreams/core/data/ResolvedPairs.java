package io.facenetstreams.core.data;

import java.util.List;

/**
 * Pairs resolved to image files, in file order, with the number of pairs dropped under
 * {@link MissingImagePolicy#SKIP} and the line numbers of those pairs.
 */
public record ResolvedPairs(List<Pair> pairs, List<Integer> skippedLines) {

    public ResolvedPairs {
        pairs = List.copyOf(pairs);
        skippedLines = List.copyOf(skippedLines);
    }

    /** How many pairs were dropped. */
    public int skipped() {
        return skippedLines.size();
    }

    /** The same-identity flag of every pair, in order. */
    public boolean[] actualIsSame() {
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = pairs.get(i).same();
        }
        return same;
    }
}
