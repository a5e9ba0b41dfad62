package org.crystalbench.splits;

import java.util.SplittableRandom;

/** The one Fisher–Yates shuffle: a uniform permutation in place, drawing {@code nextInt(i + 1)} from the last index down. */
public final class Shuffle {
    private Shuffle() {}

    /** Shuffles {@code a} in place and returns it. */
    public static int[] inPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
