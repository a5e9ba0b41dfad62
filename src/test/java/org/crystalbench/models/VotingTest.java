package org.crystalbench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;

class VotingTest {
    /** A member that always answers with fixed probabilities (class = argmax). */
    record Fixed(double... p) implements Model {
        public int classes() {
            return p.length;
        }

        public int predict(double[] x, double[] out) {
            System.arraycopy(p, 0, out, 0, p.length);
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            return best;
        }
    }

    static final List<Model> MEMBERS = List.of(new Fixed(0.6, 0.4, 0), new Fixed(0.1, 0.45, 0.45), new Fixed(0.0, 0.51, 0.49));

    @Test
    void hardVotingTakesTheMajorityAndReportsVoteShares() {
        var v = new VotingSpec("v", List.of("a", "b", "c"), VotingSpec.Rule.HARD, null).combine(MEMBERS);
        double[] p = new double[3];
        assertEquals(1, v.predict(new double[0], p)); // votes: 0, 1 (tie 1/2 -> lowest), 1
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 0}, p, 1e-12);
    }

    @Test
    void hardVotingTiesGoToTheLowestClassIndex() {
        var v = new VotingSpec("v", List.of("a", "b"), VotingSpec.Rule.HARD, null)
                .combine(List.of(new Fixed(0, 0, 1), new Fixed(0, 1, 0)));
        assertEquals(1, v.predict(new double[0]));
    }

    @Test
    void weightsChangeTheHardVote() {
        var v = new VotingSpec("v", List.of("a", "b", "c"), VotingSpec.Rule.HARD, List.of(3.0, 1.0, 1.0)).combine(MEMBERS);
        assertEquals(0, v.predict(new double[0]));
    }

    @Test
    void softVotingAveragesProbabilities() {
        var v = new VotingSpec("v", List.of("a", "b", "c"), VotingSpec.Rule.SOFT, null).combine(MEMBERS);
        double[] p = new double[3];
        assertEquals(1, v.predict(new double[0], p));
        assertArrayEquals(new double[] {0.7 / 3, 1.36 / 3, 0.94 / 3}, p, 1e-12);
        var w = new VotingSpec("v", List.of("a", "b", "c"), VotingSpec.Rule.SOFT, List.of(10.0, 1.0, 1.0)).combine(MEMBERS);
        assertEquals(0, w.predict(new double[0]));
    }

    @Test
    void badMemberListsAreInputErrors() {
        assertThrows(InputException.class, () -> new VotingSpec("v", List.of("a"), null, null));
        assertThrows(InputException.class, () -> new VotingSpec("v", List.of("a", "b"), null, List.of(1.0)));
        assertThrows(InputException.class, () -> new VotingSpec("v", List.of("a", "b"), null, List.of(0.0, 0.0)));
    }
}
