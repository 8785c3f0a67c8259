package dev.graspsync.it.bench.runs;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1): a few relays carry most
 * repositories and most carry few, as public relays do.
 */
final class ZipfPicker {
  private final double[] cumulative;

  ZipfPicker(int n) {
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
  }

  int pick(SplittableRandom random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
  }
}
