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
 * <ul>
 *   <li>EOSE on a filter: the paging decision says whether an older page is needed; when every
 *       filter is done, the batch completes.
 *   <li>CLOSED {@code rate-limited:}: retry the unfinished filters after {@code
 *       rateLimitCooldown}; counts as an attempt.
 *   <li>CLOSED {@code auth-required:}: authenticate, then retry, once; a second one, or no key
 *       to authenticate with, fails the batch.
 *   <li>CLOSED with any other prefix or none ({@code restricted:}, {@code blocked:}, {@code
 *       invalid:}, {@code error:}): failed, parked until the next daily resync, never retried in
 *       a tight loop (the reference only logged CLOSED and left the batch pending forever).
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

  /** The unfinished filters were sent (first time, retry, after AUTH, after reconnect). */
  public Batch sent(Batch b, Instant now) {
    List<FilterProgress> p = new ArrayList<>(b.progress());
    for (int i = 0; i < p.size(); i++) {
      if (p.get(i) != FilterProgress.DONE) {
        p.set(i, FilterProgress.OPEN);
      }
    }
    return b.with(BatchState.OPEN, p, b.attempt(), b.authAttempted(),
        Optional.of(now.plus(eoseTimeout)), Optional.empty(), b.lastProblem());
  }

  /**
   * EOSE on filter {@code filterIndex} (first subscription or a page), with the paging
   * decision for what that query brought.
   */
  public BatchOutcome onEose(Batch b, int filterIndex, Paging.Decision paging, Instant now) {
    if (!b.state().pending() || b.progress().get(filterIndex) == FilterProgress.DONE) {
      return new BatchOutcome.Waiting(b); // late or repeated EOSE
    }
    // Another filter of this batch may have been CLOSED meanwhile: a batch waiting for a
    // retry or for AUTH keeps waiting; only an OPEN batch's EOSE clock restarts, since
    // progress shows the relay is working (a big batch is judged by silence, not total time).
    boolean open = b.state() == BatchState.OPEN;
    Optional<Instant> deadline = open ? Optional.of(now.plus(eoseTimeout)) : b.eoseDeadline();
    List<FilterProgress> p = new ArrayList<>(b.progress());
    if (paging instanceof Paging.Decision.NextPage next) {
      p.set(filterIndex, FilterProgress.PAGING);
      Batch updated = b.with(b.state(), p, b.attempt(), b.authAttempted(), deadline, b.retryAt(), b.lastProblem());
      return new BatchOutcome.PageRequested(updated, filterIndex, next.until());
    }
    p.set(filterIndex, FilterProgress.DONE);
    if (p.stream().allMatch(x -> x == FilterProgress.DONE)) {
      return new BatchOutcome.Completed(
          b.with(BatchState.COMPLETED, p, b.attempt(), b.authAttempted(), Optional.empty(), Optional.empty(), b.lastProblem()));
    }
    return new BatchOutcome.Waiting(b.with(b.state(), p, b.attempt(), b.authAttempted(), deadline, b.retryAt(), b.lastProblem()));
  }

  /**
   * A history subscription covering {@code filterIndexes} of the batch ended (the relay
   * session's outcome, read with {@link HistoryEnd#of}). The session has already paged,
   * answered AUTH and retried once, so {@code auth-required:} here fails the batch.
   */
  public BatchOutcome onHistoryEnded(Batch b, Collection<Integer> filterIndexes, HistoryEnd end, Instant now) {
    if (!b.state().pending()) {
      return new BatchOutcome.Waiting(b);
    }
    if (end instanceof HistoryEnd.Complete || end instanceof HistoryEnd.PageLimitReached) {
      BatchOutcome o = new BatchOutcome.Waiting(b);
      for (int i : filterIndexes) {
        o = onEose(o.batch(), i, new Paging.Decision.Done(Paging.Why.SHORT_PAGE), now);
      }
      return o;
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
    if (end instanceof HistoryEnd.TimedOut) {
      Duration wait = Backoff.delay(b.attempt(), baseBackoff, maxBackoff);
      return retryOrFail(b, now.plus(wait), RetryPolicy.WITH_BACKOFF, "no EOSE within " + eoseTimeout.toSeconds() + " s");
    }
    if (end instanceof HistoryEnd.AuthRequired a) {
      return fail(b, "CLOSED " + safe(a.message()) + " (after authenticating)");
    }
    return fail(b, "CLOSED " + safe(((HistoryEnd.Refused) end).message()));
  }

  /**
   * CLOSED on filter {@code filterIndex}'s subscription (or one of its pages).
   *
   * @param canAuthenticate the host offers a key to answer NIP-42 challenges with
   */
  public BatchOutcome onClosed(Batch b, int filterIndex, String message, boolean canAuthenticate, Instant now) {
    if (!b.state().pending() || b.progress().get(filterIndex) == FilterProgress.DONE) {
      // a live subscription closed after its history completed: not this batch's business
      return new BatchOutcome.Waiting(b);
    }
    String problem = "CLOSED " + safe(message);
    return switch (ClosedReason.of(message)) {
      case RATE_LIMITED -> retryOrFail(b, now.plus(rateLimitCooldown), RetryPolicy.AFTER_COOLDOWN, problem);
      case AUTH_REQUIRED -> {
        if (!canAuthenticate) {
          yield fail(b, problem + " (no key to authenticate with)");
        }
        if (b.authAttempted()) {
          yield fail(b, problem + " (again after authenticating)");
        }
        yield new BatchOutcome.AuthenticationNeeded(b.with(BatchState.AWAITING_AUTH, b.progress(), b.attempt(), true,
            Optional.empty(), Optional.empty(), Optional.of(problem)));
      }
      case REFUSED -> fail(b, problem);
    };
  }

  /** The relay accepted our AUTH: send the unfinished filters again now. */
  public BatchOutcome onAuthenticated(Batch b, Instant now) {
    if (b.state() != BatchState.AWAITING_AUTH) {
      return new BatchOutcome.Waiting(b);
    }
    Batch waiting = b.with(BatchState.WAITING_RETRY, b.progress(), b.attempt(), true,
        Optional.empty(), Optional.of(now), b.lastProblem());
    return new BatchOutcome.RetryScheduled(waiting, now, RetryPolicy.AFTER_AUTH, "authenticated");
  }

  /** The relay refused our AUTH (or we could not send it). */
  public BatchOutcome onAuthFailed(Batch b, String why) {
    return fail(b, "authentication failed: " + safe(why));
  }

  /** True when an OPEN batch has waited past its EOSE deadline. */
  public boolean overdue(Batch b, Instant now) {
    return b.state() == BatchState.OPEN && b.eoseDeadline().map(d -> !now.isBefore(d)).orElse(false);
  }

  /** No EOSE in time: retry with backoff, or fail when out of attempts. */
  public BatchOutcome onEoseTimeout(Batch b, Instant now) {
    if (!overdue(b, now)) {
      return new BatchOutcome.Waiting(b);
    }
    Duration wait = Backoff.delay(b.attempt(), baseBackoff, maxBackoff);
    return retryOrFail(b, now.plus(wait), RetryPolicy.WITH_BACKOFF, "no EOSE within " + eoseTimeout.toSeconds() + " s");
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
    return b.with(BatchState.QUEUED, Collections.nCopies(b.filters().size(), FilterProgress.OPEN), b.attempt(), false,
        Optional.empty(), Optional.empty(), b.lastProblem());
  }

  private BatchOutcome retryOrFail(Batch b, Instant at, RetryPolicy policy, String problem) {
    if (b.state() == BatchState.WAITING_RETRY) {
      return new BatchOutcome.Waiting(b); // another filter already scheduled the retry
    }
    if (b.attempt() >= maxAttempts) {
      return fail(b, problem + " (after " + b.attempt() + " attempts)");
    }
    Batch waiting = b.with(BatchState.WAITING_RETRY, b.progress(), b.attempt() + 1, b.authAttempted(),
        Optional.empty(), Optional.of(at), Optional.of(problem));
    return new BatchOutcome.RetryScheduled(waiting, at, policy, problem);
  }

  private static BatchOutcome fail(Batch b, String reason) {
    Batch failed = b.with(BatchState.FAILED, b.progress(), b.attempt(), b.authAttempted(),
        Optional.empty(), Optional.empty(), Optional.of(reason));
    return new BatchOutcome.Failed(failed, reason, RetryPolicy.AT_NEXT_DAILY_RESYNC);
  }

  /** CLOSED and AUTH messages come from the relay: no control characters, bounded. */
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
