package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Hex;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.nostr.negentropy.Negentropy;
import dev.graspsync.nostr.negentropy.NegentropyException;
import dev.graspsync.nostr.negentropy.NegentropyStorage;
import dev.graspsync.nostr.negentropy.Reconciliation;
import dev.graspsync.spi.TooManyKeysException;
import dev.graspsync.sync.reconcile.FallbackReason;
import dev.graspsync.sync.reconcile.GroupOutcome;
import dev.graspsync.sync.reconcile.IdRequests;
import dev.graspsync.sync.reconcile.NegDecision;
import dev.graspsync.sync.reconcile.TimeSplit;
import dev.graspsync.sync.session.NegEnd;
import dev.graspsync.sync.session.ReconciliationListener;
import dev.graspsync.sync.session.RelaySession;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.SubscriptionStats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REQ group of a history batch, synced by NIP-77 instead of a paged REQ: each filter is
 * reconciled against the host's local set for it, one after another; what the relay has and we
 * lack is fetched with {@code REQ {"ids": [...]}} in chunks, one REQ at a time, so the group
 * never holds more than the one subscription slot its REQ would have. Filters the relay will not
 * reconcile are fetched with paged REQs (unless this is a periodic reconciliation, which never
 * downloads history). The group ends once, towards the batch's {@link HistoryListener}, like the
 * REQ it replaces ({@link GroupOutcome}).
 */
final class ReconcilingHistory {
  private static final Logger log = LoggerFactory.getLogger(ReconcilingHistory.class);

  private final HistoryRoute route;
  private final RelaySession session;
  private final List<Filter> filters;
  private final boolean mayFallBack;
  private final SubscriptionListener target;
  private final List<String> needed = new ArrayList<>();
  private final List<Filter> fallback = new ArrayList<>();
  /** Needed ids another relay was fetching when their turn came: looked at again at the end. */
  private final List<String> deferred = new ArrayList<>();
  /** Ids this group claimed for the REQ open now; given back when it ends, however it ends. */
  private List<String> holding = List.of();
  private SubscriptionStats stats = GroupOutcome.NONE;
  private boolean ended;

  /** Aborts the chain of filters: the group ends with this outcome. */
  private static final class GroupEnded extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SubscriptionOutcome outcome;

    GroupEnded(SubscriptionOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  ReconcilingHistory(HistoryRoute route, RelaySession session, List<Filter> filters, boolean mayFallBack,
      SubscriptionListener target) {
    this.route = route;
    this.session = session;
    this.filters = List.copyOf(filters);
    this.mayFallBack = mayFallBack;
    this.target = target;
  }

  void start() {
    Future<Void> chain = Future.succeededFuture();
    for (Filter f : filters) {
      chain = chain.compose(v -> reconcileOrFallBack(f.withoutLimit(), 0));
    }
    chain.onComplete(ar -> {
      if (ar.failed()) {
        finish(ar.cause() instanceof GroupEnded g ? g.outcome
            : new SubscriptionOutcome.Disconnected("reconciliation failed: " + ar.cause(), GroupOutcome.NONE));
      } else {
        fetchFallback(0);
      }
    });
  }

  // ---- reconciling ----------------------------------------------------------------------------

  private Future<Void> reconcileOrFallBack(Filter f, int depth) {
    if (!route.support().mayReconcile()) {
      fallback.add(f);
      return Future.succeededFuture();
    }
    long epoch = route.epoch();
    // the slot is held while the local set is read too: it bounds the sets in memory
    return route.acquire()
        .compose(v -> route.localSet(f).transform(local -> local.failed()
            ? Future.succeededFuture(Optional.of(NegDecision.localSetFailed(local.cause() instanceof TooManyKeysException)))
            : negotiate(f, local.result())))
        .andThen(ar -> route.release(epoch))
        .compose(d -> d.map(decision -> decide(f, depth, decision)).orElseGet(Future::succeededFuture));
  }

  /** @return empty once the filter is reconciled (its needed ids noted), else what its end means */
  private Future<Optional<NegDecision>> negotiate(Filter f, NegentropyStorage local) {
    Promise<Optional<NegDecision>> done = Promise.promise();
    Negentropy negentropy = Negentropy.initiator(local, route.frameLimit());
    String initial = Hex.encode(negentropy.initiate());
    route.metrics().negBytes("sent", initial.length() / 2);
    String[] id = new String[1];
    id[0] = session.openReconciliation(f, initial, route.negTimeout(), new ReconciliationListener() {
      @Override
      public void onMessage(String messageHex) {
        route.metrics().negBytes("received", messageHex.length() / 2);
        Reconciliation round;
        try {
          round = negentropy.reconcile(Hex.decode(messageHex));
        } catch (NegentropyException e) {
          session.closeReconciliation(id[0]);
          log.info("{}: unreadable NEG-MSG ({}): {}", session.url(), e.kind(), e.getMessage());
          done.tryComplete(Optional.of(NegDecision.unreadable(e.kind() == NegentropyException.Kind.UNSUPPORTED_VERSION)));
          return;
        } catch (RuntimeException e) {
          session.closeReconciliation(id[0]);
          log.info("{}: unreadable NEG-MSG: {}", session.url(), e.toString());
          done.tryComplete(Optional.of(NegDecision.unreadable(false)));
          return;
        }
        route.answered();
        needed.addAll(round.need());
        route.metrics().reconcileIds("need", round.need().size());
        route.metrics().reconcileIds("have", round.have().size());
        if (round.next().isPresent()) {
          String next = Hex.encode(round.next().get());
          route.metrics().negBytes("sent", next.length() / 2);
          session.continueReconciliation(id[0], next);
        } else {
          session.closeReconciliation(id[0]);
          route.metrics().reconciliation("reconciled");
          done.tryComplete(Optional.empty());
        }
      }

      @Override
      public void onEnd(NegEnd end) {
        done.tryComplete(Optional.of(NegDecision.of(end)));
      }
    });
    return done.future();
  }

  private Future<Void> decide(Filter f, int depth, NegDecision decision) {
    if (decision instanceof NegDecision.Split) {
      Optional<List<Filter>> halves = depth < TimeSplit.MAX_DEPTH ? TimeSplit.halves(f, route.nowSeconds())
          : Optional.empty();
      if (halves.isEmpty()) {
        return fallBack(f, FallbackReason.UNSPLITTABLE, false);
      }
      route.metrics().reconciliation("split");
      List<Filter> parts = halves.get();
      return reconcileOrFallBack(parts.get(0), depth + 1).compose(v -> reconcileOrFallBack(parts.get(1), depth + 1));
    }
    if (decision instanceof NegDecision.Busy) {
      if (!route.fewerAtOnce()) {
        return fallBack(f, FallbackReason.NEG_ERR, true);
      }
      route.metrics().reconciliation("busy");
      return reconcileOrFallBack(f, depth);
    }
    if (decision instanceof NegDecision.FallBack fb) {
      return fallBack(f, fb.reason(), fb.remember());
    }
    route.metrics().reconciliation("ended");
    return Future.failedFuture(new GroupEnded(((NegDecision.EndGroup) decision).outcome()));
  }

  private Future<Void> fallBack(Filter f, FallbackReason reason, boolean remember) {
    route.metrics().reconciliation("fallback");
    route.fellBack(reason, remember);
    fallback.add(f);
    return Future.succeededFuture();
  }

  // ---- fetching -------------------------------------------------------------------------------

  /** Filters that fell back, as paged REQs of at most the filters one REQ may carry. */
  private void fetchFallback(int from) {
    if (!mayFallBack || from >= fallback.size()) {
      fetchIds(IdRequests.chunks(needed, route.idsPerRequest()), 0);
      return;
    }
    int to = Math.min(fallback.size(), from + route.filtersPerRequest());
    fetch(fallback.subList(from, to), Set.of(), () -> fetchFallback(to));
  }

  /**
   * The needed ids, chunk by chunk: those the host stores by now (another relay brought them:
   * authors publish to several) are skipped, those another relay is fetching right now are
   * deferred; the deferred ones still not stored at the end are fetched from here too.
   */
  private void fetchIds(List<List<String>> chunks, int next) {
    if (next >= chunks.size()) {
      if (deferred.isEmpty()) {
        finish(GroupOutcome.complete(stats));
      } else {
        List<String> again = List.copyOf(deferred);
        deferred.clear();
        fetchUnclaimed(IdRequests.chunks(again, route.idsPerRequest()), 0);
      }
      return;
    }
    route.stored(chunks.get(next)).onComplete(stored -> {
      List<String> missing = notStored(chunks.get(next), stored);
      List<String> mine = route.claims().claim(missing, this);
      Set<String> mineSet = new HashSet<>(mine);
      missing.stream().filter(id -> !mineSet.contains(id)).forEach(deferred::add);
      holding = mine;
      Runnable then = () -> {
        releaseClaims();
        fetchIds(chunks, next + 1);
      };
      if (mine.isEmpty()) {
        then.run();
      } else {
        fetch(List.of(Filter.builder().ids(mine).build()), mineSet, then);
      }
    });
  }

  /** The deferred ids, without claiming: whoever had them is done or failed. */
  private void fetchUnclaimed(List<List<String>> chunks, int next) {
    if (next >= chunks.size()) {
      finish(GroupOutcome.complete(stats));
      return;
    }
    route.stored(chunks.get(next)).onComplete(stored -> {
      List<String> missing = notStored(chunks.get(next), stored);
      if (missing.isEmpty()) {
        fetchUnclaimed(chunks, next + 1);
      } else {
        fetch(List.of(Filter.builder().ids(missing).build()), new HashSet<>(missing), () -> fetchUnclaimed(chunks, next + 1));
      }
    });
  }

  private void releaseClaims() {
    route.claims().release(holding, this);
    holding = List.of();
  }

  private static List<String> notStored(List<String> ids, io.vertx.core.AsyncResult<Set<String>> stored) {
    return stored.succeeded() ? ids.stream().filter(id -> !stored.result().contains(id)).toList() : ids;
  }

  /**
   * One REQ through the session (paging, AUTH, CLOSED, backpressure and the in-flight cap as for
   * any history REQ); its events go to the batch. The session already drops events matching none
   * of the REQ's filters, so an ids REQ delivers only ids we asked for; {@code asked} says so again.
   */
  private void fetch(List<Filter> request, Set<String> asked, Runnable then) {
    session.openHistory(List.copyOf(request), new SubscriptionListener() {
      @Override
      public Future<?> onEvent(Event event) {
        if (!asked.isEmpty() && !asked.contains(event.id())) {
          return Future.succeededFuture();
        }
        return target.onEvent(event);
      }

      @Override
      public void onOutcome(SubscriptionOutcome outcome) {
        stats = GroupOutcome.plus(stats, outcome.stats());
        if (GroupOutcome.completes(outcome)) {
          then.run();
        } else {
          finish(outcome);
        }
      }
    });
  }

  private void finish(SubscriptionOutcome outcome) {
    if (ended) {
      return;
    }
    ended = true;
    releaseClaims();
    target.onOutcome(GroupOutcome.withStats(outcome, stats));
  }
}
