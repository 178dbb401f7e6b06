package io.facenetstreams.core.synth;

import io.facenetstreams.core.data.LfwPairs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PairsPlannerTest {

    private static List<String> names(int n) {
        return IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
    }

    @Test
    void unevenGroupsTakeTheRemainderFirstAndStayDisjoint() {
        // 7 identities over 3 folds: groups {p0,p1,p2}, {p3,p4}, {p5,p6}.
        LfwPairs pairs = PairsPlanner.plan(names(7), 5, 3, 4, 9);
        List<Set<String>> expected = List.of(Set.of("p0", "p1", "p2"), Set.of("p3", "p4"), Set.of("p5", "p6"));
        for (int f = 0; f < 3; f++) {
            Set<String> used = pairs.entries().subList(8 * f, 8 * f + 8).stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.leftName(), e.rightName())).collect(Collectors.toSet());
            assertThat(expected.get(f)).containsAll(used);
        }
    }

    @Test
    void askingForEveryDistinctPairEnumeratesThemAll() {
        // 2 identities x 3 images: exactly 6 same pairs and 9 different pairs exist; ask for 6 of each.
        LfwPairs pairs = PairsPlanner.plan(names(2), 3, 1, 6, 1);
        Set<String> same = new HashSet<>();
        Set<String> different = new HashSet<>();
        for (LfwPairs.Entry e : pairs.entries()) {
            (e.same() ? same : different).add(e.toLine());
        }
        assertThat(same).containsExactlyInAnyOrder("p0\t1\t2", "p0\t1\t3", "p0\t2\t3", "p1\t1\t2", "p1\t1\t3", "p1\t2\t3");
        assertThat(different).hasSize(6);
        assertThat(different).allMatch(line -> line.startsWith("p0\t") && line.contains("\tp1\t"));
    }

    @Test
    void deterministicForASeed() {
        assertThat(PairsPlanner.plan(names(20), 10, 10, 30, 4)).isEqualTo(PairsPlanner.plan(names(20), 10, 10, 30, 4));
        assertThat(PairsPlanner.plan(names(20), 10, 10, 30, 4)).isNotEqualTo(PairsPlanner.plan(names(20), 10, 10, 30, 5));
    }
}
