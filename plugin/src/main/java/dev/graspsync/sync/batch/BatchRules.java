package dev.graspsync.sync.batch;

import dev.graspsync.sync.health.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The transitions of a {@link Batch}. No batch stays pending forever: every path ends in
 * {@link BatchOutcome.Completed} or {@link BatchOutcome.Failed}.
 *
 * <p>The relay session pages each history subscription, answers AUTH and retries once, and
 * times out a silent one; {@link #onHistoryEnded} turns how the subscription ended into the
 * batch's next state:
 *
 * <ul>
 *   <li>complete (or the page limit reached): its filters are done; all done completes the batch.
 *   <li>CLOSED {@code rate-limited:}: retry the unfinished filters after {@code
 *       rateLimitCooldown}; counts as an attempt.
 *   <li>CLOSED for the relay's capacity ({@link HistoryEnd.OverCapacity}: too many open
 *       subscriptions or filters, message too large, under any prefix): overload, not refusal;
 *       retry after {@code base · 2^(attempt−1)}, like a timeout; counts as an attempt.
 *   <li>CLOSED {@code auth-required:} that AUTH did not cure, or any other prefix or none
 *       ({@code restricted:}, {@code blocked:}, {@code invalid:}, {@code error:}): failed,
 *       parked until the next daily resync, never retried in a tight loop (the reference only
 *       logged CLOSED and left the batch pending forever).
 *   <li>No EOSE within {@code eoseTimeout}: retry after {@code base · 2^(attempt−1)}; counts as
 *       an attempt.
 *   <li>Out of attempts ({@code maxAttempts}): failed, parked.
 *   <li>Connection lost: back to QUEUED with all filters to send again (the subscriptions died
 *       with the socket); attempts are not charged for it.
 * </ul>
 *
 * @param rateLimitCooldown {@code rate-limit-cooldown-seconds} (65 s)
 * @param eoseTimeout {@code eose-timeout-seconds} (60 s)
 * @param maxAttempts {@code batch-max-attempts} (5)
 * @param baseBackoff {@code base-backoff-seconds} (5 s)
 * @param maxBackoff {@code max-backoff-seconds} (1 h)
 */
public record BatchRules(
    Duration rateLimitCooldown, Duration eoseTimeout, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

  private static final int MAX_PROBLEM_LENGTH = 200;

  public BatchRules {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static BatchRules defaults() {
    return new BatchRules(Duration.ofSeconds(65), Duration.ofSeconds(60), 5, Duration.ofSeconds(5), Duration.ofHours(1));
  }

  /** The unfinished filters were sent (first time, retry, after reconnect). */
  public Batch sent(Batch b, Instant now) {
    List<FilterProgress> p = new ArrayList<>(b.progress());
    for (int i = 0; i < p.size(); i++) {
      if (p.get(i) != FilterProgress.DONE) {
        p.set(i, FilterProgress.OPEN);
      }
    }
    return b.with(BatchState.OPEN, p, b.attempt(), Optional.of(now.plus(eoseTimeout)), Optional.empty(), b.lastProblem());
  }

  /**
   * A history subscription covering {@code filterIndexes} of the batch ended (the relay
   * session's outcome, read with {@link HistoryEnd#of}).
   */
  public BatchOutcome onHistoryEnded(Batch b, Collection<Integer> filterIndexes, HistoryEnd end, Instant now) {
    if (!b.state().pending()) {
      return new BatchOutcome.Waiting(b);
    }
    if (end instanceof HistoryEnd.Complete || end instanceof HistoryEnd.PageLimitReached) {
      Batch done = b;
      for (int i : filterIndexes) {
        done = markDone(done, i);
      }
      return done.allDone()
          ? new BatchOutcome.Completed(done.with(BatchState.COMPLETED, done.progress(), done.attempt(),
              Optional.empty(), Optional.empty(), done.lastProblem()))
          : new BatchOutcome.Waiting(done);
    }
    if (end instanceof HistoryEnd.Cancelled) {
      return new BatchOutcome.Waiting(b);
    }
    if (end instanceof HistoryEnd.Disconnected) {
      return new BatchOutcome.Waiting(onDisconnected(b));
    }
    if (filterIndexes.stream().allMatch(i -> b.progress().get(i) == FilterProgress.DONE)) {
      return new BatchOutcome.Waiting(b);
    }
    if (end instanceof HistoryEnd.RateLimited r) {
      return retryOrFail(b, now.plus(rateLimitCooldown), RetryPolicy.AFTER_COOLDOWN, "CLOSED " + safe(r.message()));
    }
    if (end instanceof HistoryEnd.OverCapacity c) {
      Duration wait = Backoff.delay(b.attempt(), baseBackoff, maxBackoff);
      return retryOrFail(b, now.plus(wait), RetryPolicy.AFTER_CAPACITY_BACKOFF, "CLOSED " + safe(c.message()));
    }
    if (end instanceof HistoryEnd.TimedOut) {
      Duration wait = Backoff.delay(b.attempt(), baseBackoff, maxBackoff);
      return retryOrFail(b, now.plus(wait), RetryPolicy.WITH_BACKOFF, "no EOSE within " + eoseTimeout.toSeconds() + " s");
    }
    if (end instanceof HistoryEnd.AuthRequired a) {
      return fail(b, "CLOSED " + safe(a.message()) + " (after authenticating)");
    }
    return fail(b, "CLOSED " + safe(((HistoryEnd.Refused) end).message()));
  }

  /** True when a WAITING_RETRY batch's time has come: call {@link #sent} and send its unfinished filters. */
  public boolean due(Batch b, Instant now) {
    return b.state() == BatchState.WAITING_RETRY && b.retryAt().map(t -> !now.isBefore(t)).orElse(true);
  }

  /**
   * The connection dropped: every subscription is gone, so every filter is sent again on the
   * next connection (the store skips what it already has). Attempts are not charged.
   */
  public Batch onDisconnected(Batch b) {
    if (!b.state().pending()) {
      return b;
    }
    return b.with(BatchState.QUEUED, Collections.nCopies(b.filters().size(), FilterProgress.OPEN), b.attempt(),
        Optional.empty(), Optional.empty(), b.lastProblem());
  }

  private static Batch markDone(Batch b, int filterIndex) {
    List<FilterProgress> p = new ArrayList<>(b.progress());
    p.set(filterIndex, FilterProgress.DONE);
    return b.with(b.state(), p, b.attempt(), b.eoseDeadline(), b.retryAt(), b.lastProblem());
  }

  private BatchOutcome retryOrFail(Batch b, Instant at, RetryPolicy policy, String problem) {
    if (b.state() == BatchState.WAITING_RETRY) {
      return new BatchOutcome.Waiting(b); // another subscription of the batch already scheduled the retry
    }
    if (b.attempt() >= maxAttempts) {
      return fail(b, problem + " (after " + b.attempt() + " attempts)");
    }
    Batch waiting = b.with(BatchState.WAITING_RETRY, b.progress(), b.attempt() + 1,
        Optional.empty(), Optional.of(at), Optional.of(problem));
    return new BatchOutcome.RetryScheduled(waiting, at, policy, problem);
  }

  private static BatchOutcome fail(Batch b, String reason) {
    Batch failed = b.with(BatchState.FAILED, b.progress(), b.attempt(), Optional.empty(), Optional.empty(), Optional.of(reason));
    return new BatchOutcome.Failed(failed, reason, RetryPolicy.AT_NEXT_DAILY_RESYNC);
  }

  static String safe(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && i < MAX_PROBLEM_LENGTH; i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > MAX_PROBLEM_LENGTH) {
      sb.append("...");
    }
    return sb.toString();
  }
}
