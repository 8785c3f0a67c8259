package dev.graspsync.sync.batch;

import dev.graspsync.sync.plan.FilterPlan;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.LabelledFilter;
import dev.graspsync.sync.relay.RelayUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A set of items subscribed together on one relay, tracked until every filter has fetched its
 * history (the relay session pages it to the end) or the batch fails. Progress is kept per
 * filter, so a subscription covering some of the filters completes just those. {@link
 * BatchRules} holds the transitions; every one returns a new value.
 *
 * <p>What to persist for a restart: id, relay, purpose, items and the since of a catch-up
 * (filters are rebuilt from the items with {@link FilterPlan}); a restarted batch starts
 * again as {@link BatchState#QUEUED}.
 *
 * @param attempt 1 for the first sending; each retry after a timeout, a rate limit or a
 *     capacity refusal adds 1
 * @param progress one entry per filter, same order as {@code filters}
 * @param eoseDeadline while OPEN: when the absence of EOSE becomes a timeout
 * @param retryAt while WAITING_RETRY: when to send the unfinished filters again
 * @param lastProblem the last CLOSED message or timeout, for logs (made safe, bounded)
 */
public record Batch(
    long id,
    RelayUrl relay,
    BatchPurpose purpose,
    ItemSet items,
    List<LabelledFilter> filters,
    Instant createdAt,
    int attempt,
    BatchState state,
    List<FilterProgress> progress,
    Optional<Instant> eoseDeadline,
    Optional<Instant> retryAt,
    Optional<String> lastProblem) {

  public Batch {
    filters = List.copyOf(filters);
    progress = List.copyOf(progress);
    if (filters.size() != progress.size()) {
      throw new IllegalArgumentException("one progress entry per filter");
    }
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("a batch has at least one filter");
    }
  }

  /** New work from the planner: full history of {@code items}. */
  public static Batch initial(long id, RelayUrl relay, ItemSet items, int chunkSize, Instant now) {
    return queued(id, relay, BatchPurpose.INITIAL, items, FilterPlan.forItems(items, chunkSize), now);
  }

  /** Confirmed items again, from {@code since} (unix seconds): catch-up and consolidation. */
  public static Batch catchUp(long id, RelayUrl relay, ItemSet items, int chunkSize, long since, Instant now) {
    return queued(
        id, relay, BatchPurpose.CATCH_UP, items, FilterPlan.forItems(items, chunkSize, OptionalLong.of(since)), now);
  }

  public static Batch queued(
      long id, RelayUrl relay, BatchPurpose purpose, ItemSet items, List<LabelledFilter> filters, Instant now) {
    return new Batch(
        id, relay, purpose, items, filters, now, 1, BatchState.QUEUED,
        Collections.nCopies(filters.size(), FilterProgress.OPEN),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Indexes of the filters whose history is not complete: the ones to (re)send. */
  public List<Integer> unfinishedFilters() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < progress.size(); i++) {
      if (progress.get(i) != FilterProgress.DONE) {
        out.add(i);
      }
    }
    return out;
  }

  public boolean allDone() {
    return progress.stream().allMatch(p -> p == FilterProgress.DONE);
  }

  Batch with(BatchState s, List<FilterProgress> p, int att,
      Optional<Instant> deadline, Optional<Instant> retry, Optional<String> problem) {
    return new Batch(id, relay, purpose, items, filters, createdAt, att, s, p, deadline, retry, problem);
  }
}
