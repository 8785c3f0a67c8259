package dev.graspsync.sync.plan;

import dev.graspsync.sync.index.RepoRef;
import dev.graspsync.sync.relay.RelayUrl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single place that decides what new subscriptions a relay needs:
 * {@code new work = targets − pending − confirmed − parked}, per relay.
 *
 * <p>Pending: items of batches not yet completed, whether sent or queued for a relay not
 * connected yet. Confirmed: items whose batch completed (history fetched up to EOSE, live
 * since). Parked: items of batches that failed for good; they wait for the next daily resync
 * instead of being planned again straight away, which would retry a refusal in a tight loop.
 */
public final class Planner {
  private Planner() {}

  public static List<PlanDiff> newWork(
      RelayTargets targets, Map<RelayUrl, ItemSet> pending, Map<RelayUrl, ItemSet> confirmed) {
    return newWork(targets, pending, confirmed, Map.of());
  }

  /** One {@link PlanDiff} per relay that has new work, in the targets' order. */
  public static List<PlanDiff> newWork(
      RelayTargets targets,
      Map<RelayUrl, ItemSet> pending,
      Map<RelayUrl, ItemSet> confirmed,
      Map<RelayUrl, ItemSet> parked) {
    List<PlanDiff> out = new ArrayList<>();
    for (RelayTarget target : targets.byRelay().values()) {
      RelayUrl relay = target.relay();
      ItemSet work = newWork(
          target.items(),
          pending.getOrDefault(relay, ItemSet.EMPTY),
          confirmed.getOrDefault(relay, ItemSet.EMPTY),
          parked.getOrDefault(relay, ItemSet.EMPTY));
      if (!work.isEmpty()) {
        out.add(new PlanDiff(relay, work));
      }
    }
    return out;
  }

  public static ItemSet newWork(ItemSet target, ItemView pending, ItemView confirmed, ItemView parked) {
    return target.minus(pending, confirmed, parked);
  }

  /**
   * Cuts new work into batches of at most {@code chunkSize} repositories and {@code
   * chunkSize} root events each (L1 with the first), so a batch needs at most eight filters
   * (L1, one state, three L2, three L3) and a failure or retry concerns a bounded part.
   */
  public static List<ItemSet> split(ItemSet work, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
    // Set order, not sorted: sorting a relay's hundreds of thousands of ids cost more than the
    // rest of planning together. Which items share a batch does not matter; the filters of
    // each batch are sorted (FilterPlan), and batches are stored with their items.
    List<RepoRef> repos = List.copyOf(work.repos());
    List<String> roots = List.copyOf(work.rootEvents());
    int batches = Math.max(1, Math.max(chunks(repos.size(), chunkSize), chunks(roots.size(), chunkSize)));
    List<ItemSet> out = new ArrayList<>(batches);
    for (int i = 0; i < batches; i++) {
      Set<RepoRef> r = new HashSet<>(slice(repos, i, chunkSize));
      Set<String> e = new HashSet<>(slice(roots, i, chunkSize));
      ItemSet batch = ItemSet.owned(i == 0 && work.announcements(), r, e);
      if (!batch.isEmpty()) {
        out.add(batch);
      }
    }
    return out;
  }

  private static <T> List<T> slice(List<T> list, int i, int size) {
    int from = Math.min(list.size(), i * size);
    return list.subList(from, Math.min(list.size(), from + size));
  }

  private static int chunks(int n, int size) {
    return (n + size - 1) / size;
  }
}
