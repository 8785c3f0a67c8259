package dev.graspsync.sync.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * How a list of steps is cut into event-loop turns: at most {@code perTurn} steps each, in
 * order. A turn is one task on the loop; between two turns the loop runs whatever else is
 * queued (frames, timers, other relays' hand-offs), so no turn holds it for long.
 */
public final class TurnSlices {
  private TurnSlices() {}

  /** One turn's steps: indexes {@code from} (inclusive) to {@code to} (exclusive). */
  public record Slice(int from, int to) {
    public Slice {
      if (from < 0 || to <= from) {
        throw new IllegalArgumentException("a slice holds at least one step: " + from + ".." + to);
      }
    }

    public int size() {
      return to - from;
    }
  }

  public static List<Slice> of(int steps, int perTurn) {
    if (perTurn < 1) {
      throw new IllegalArgumentException("perTurn must be at least 1, was " + perTurn);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, was " + steps);
    }
    List<Slice> slices = new ArrayList<>(steps / perTurn + 1);
    for (int from = 0; from < steps; from += perTurn) {
      slices.add(new Slice(from, Math.min(steps, from + perTurn)));
    }
    return List.copyOf(slices);
  }
}
