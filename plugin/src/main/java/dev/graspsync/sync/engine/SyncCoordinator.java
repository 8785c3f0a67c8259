package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.RelayHost;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.DialGate;
import dev.graspsync.sync.dial.Resolver;
import dev.graspsync.sync.index.Change;
import dev.graspsync.sync.index.Deletion;
import dev.graspsync.sync.index.IndexRules;
import dev.graspsync.sync.index.IndexUpdate;
import dev.graspsync.sync.index.RepoIndex;
import dev.graspsync.sync.loop.InTurns;
import dev.graspsync.sync.plan.RelayTargets;
import dev.graspsync.sync.refused.RefusedMemory;
import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.permit.PermitQueue;
import dev.graspsync.sync.session.InFlightBudget;
import dev.graspsync.sync.status.StatusBoard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the repository index and, through {@link RelayFleet}, the relay workers, on its own
 * event loop. Discovery changes are gathered for {@code batch-window-ms} from the first one
 * (later ones do not extend the window), then every relay is given its full target set; each
 * worker subtracts what it has pending or confirmed itself.
 */
final class SyncCoordinator extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SyncCoordinator.class);
  /** The shortest wait before a failed hand-off is tried again, so a lasting fault cannot spin. */
  private static final Duration RETRY_WINDOW = Duration.ofSeconds(1);
  /**
   * Relays handed their targets per loop turn. Handing out a new relay deploys its worker and
   * registers its meters, about 2 ms on a loaded host: a first plan for B4's 500 relays held
   * this loop for close to a second in one task (issue 16), and a turn of 16 new relays still
   * held it for up to 228 ms at start-up, while the CPU was shared with ingest and the JIT.
   */
  static final int HAND_OUT_PER_TURN = 4;

  private final RelayHost host;
  private final SyncConfig config;
  private final Clock clock;
  private final StateWriter state;
  private final SyncMetrics metrics;
  private final WorkerDeps deps;
  private final StatusBoard board;
  private final RefusedMemory refusedEvents;
  private final WorkerSteps steps;
  private final TargetDerivation derivation;

  private RepoIndex index;
  /** The relay workers; created with this verticle's loop, which owns it. */
  private RelayFleet fleet;
  private boolean windowOpen;
  /** Relays whose targets the changes of the open window touched. */
  private final Set<RelayUrl> touched = new java.util.LinkedHashSet<>();
  private boolean planned;
  private boolean planRunning;
  private boolean planAgain;
  /** One thread derives targets, off the event loop. */
  private WorkerExecutor planner;
  private IndexIntake intake;
  /** Accepted events whose task has not reached the loop yet (each holds its event). */
  private final java.util.concurrent.atomic.AtomicInteger waitingForIndex = new java.util.concurrent.atomic.AtomicInteger();
  private boolean stopping;

  SyncCoordinator(RelayHost host, SyncConfig config, Clock clock, StateWriter state, SyncMetrics metrics, StatusBoard board,
      Resolver resolver, RefusedMemory refusedEvents) {
    this(host, config, clock, state, metrics, board, resolver, refusedEvents, WorkerSteps.REAL);
  }

  /** With the worker steps replaced (tests). */
  SyncCoordinator(RelayHost host, SyncConfig config, Clock clock, StateWriter state, SyncMetrics metrics,
      StatusBoard board, Resolver resolver, RefusedMemory refusedEvents, WorkerSteps steps) {
    this.host = host;
    this.steps = steps;
    this.config = config;
    this.derivation = new TargetDerivation(config);
    this.clock = clock;
    this.state = state;
    this.metrics = metrics;
    this.board = board;
    AddressPolicy addressPolicy = new AddressPolicy(config.allowPrivateAddresses());
    DialGate gate = new DialGate(resolver, addressPolicy);
    this.index = RepoIndex.empty(new IndexRules(
        IndexRules.ownUrlsFrom(host.identity().urls()), config.maxRelaysPerRepo(), addressPolicy));
    // one budget for every relay session: memory in flight must not grow with the relay count
    InFlightBudget budget = InFlightBudget.of(config.maxEventsInFlight());
    metrics.eventsInFlight(budget::inFlight);
    this.refusedEvents = refusedEvents;
    metrics.stateQueue(state::queued);
    metrics.indexQueue(() -> waitingForIndex.get() + (intake == null ? 0 : intake.waiting()));
    PermitQueue historyTurns = PermitQueue.slots(config.maxRelaysSyncingHistory());
    metrics.historyTurns(historyTurns::taken, historyTurns::waiting);
    PermitQueue localSets = PermitQueue.slots(HistoryRoute.MAX_OPEN_RECONCILIATIONS_HOST_WIDE);
    metrics.reconciliationSlots(localSets::taken, localSets::waiting);
    this.deps = new WorkerDeps(host, config, clock, state, metrics, board, this::onWorkerIdle, budget, gate,
        config.trustOptions(), refusedEvents, new FetchClaims(), localSets, historyTurns);
  }

  @Override
  public Future<?> start() {
    planner = vertx.createSharedWorkerExecutor("grasp-sync-plan", 1);
    intake = new IndexIntake(context, this::applyAccepted);
    fleet = new RelayFleet(vertx, deps, steps, relay -> {
      touched.add(relay);
      openWindow(retryWindow());
    });
    Filter discovery = Filter.builder()
        .kinds(List.of(Nip34.REPO_ANNOUNCEMENT, Nip34.PATCH, Nip34.PULL_REQUEST, Nip34.ISSUE))
        .build();
    return state.read(s -> s.loadAll())
        .compose(records -> {
          fleet.restore(records);
          // announcements before root events would be nicer, but the index accepts either order
          return host.store().scan(List.of(discovery), page -> apply(index.withEvents(page)));
        })
        .onSuccess(v -> {
          log.info("grasp-sync index: {} repositories, {} root events, {} relays",
              index.repoCount(), index.rootEventCount(), index.relayCount());
          replan();
        });
  }

  /** From the host's event-accepted hook, any thread. */
  void offer(Event event) {
    waitingForIndex.incrementAndGet();
    context.runOnContext(v -> {
      waitingForIndex.decrementAndGet();
      if (stopping) {
        return;
      }
      Optional<Deletion> deletion = Deletion.of(event);
      if (deletion.isPresent()) {
        intake.flush();
        applyDeletion(deletion.get());
      } else {
        intake.add(event);
      }
    });
  }

  /** A batch of accepted events ({@link IndexIntake}); one that fails is applied event by event. */
  private void applyAccepted(List<Event> events) {
    if (stopping) {
      return;
    }
    try {
      applyOffered(index.withEvents(events));
    } catch (RuntimeException batchFailed) {
      for (Event e : events) {
        try {
          applyOffered(index.withEvent(e));
        } catch (RuntimeException failed) {
          log.error("cannot index event {}", e.id(), failed);
        }
      }
    }
  }

  private void applyOffered(IndexUpdate update) {
    // not at start-up: what the store held then was there when the refusals were remembered
    invalidateRefusals(update);
    apply(update);
  }

  /**
   * NIP-09: the host applied the deletion to its store (checking the author); the index drops
   * what the store no longer holds, so its sync stops.
   */
  private void applyDeletion(Deletion deletion) {
    List<String> targets = List.copyOf(index.deletionTargets(deletion));
    if (targets.isEmpty()) {
      return;
    }
    List<Future<Boolean>> stored = targets.stream().map(id -> host.store().contains(id)).toList();
    Future.join(stored).onComplete(ar -> {
      Set<String> gone = new HashSet<>();
      for (int i = 0; i < targets.size(); i++) {
        if (stored.get(i).succeeded() && !stored.get(i).result()) {
          gone.add(targets.get(i));
        }
      }
      if (!stopping && !gone.isEmpty()) {
        apply(index.withDeletion(deletion, gone));
      }
    });
  }

  private void apply(IndexUpdate update) {
    if (update.unchanged()) {
      return;
    }
    index = update.index();
    touched.addAll(update.affectedRelays());
    update.refusedUrls().forEach(r -> {
      metrics.refusedRelay(r.why().name().toLowerCase(java.util.Locale.ROOT));
      log.debug("relay URL refused: {}", r);
    });
    metrics.indexSize(index.repoCount(), index.rootEventCount());
    metrics.unannouncedRepos(index.unannouncedCount());
    board.index(index.repoCount(), index.rootEventCount());
    openWindow(config.batchWindow());
  }

  private void openWindow(Duration length) {
    if (!windowOpen && context != null) {
      windowOpen = true;
      vertx.setTimer(Math.max(1, length.toMillis()), t -> {
        windowOpen = false;
        replan();
      });
    }
  }

  /** An announcement of an identifier may make its refused states and maintainers' announcements acceptable. */
  private void invalidateRefusals(IndexUpdate update) {
    for (Change c : update.changes()) {
      if (c instanceof Change.AnnouncementApplied a) {
        refusedEvents.invalidate(a.repo().identifier());
      }
    }
  }

  /**
   * The first plan derives every relay's targets; later windows re-derive only the relays
   * their changes touched (a full derivation costs about half a second of CPU at 10,000
   * repositories, a touched relay about a millisecond, and many times that on a loaded host).
   * The derivation runs on the planning thread over the index as it is now (an immutable
   * value); the targets are handed over back on this loop. A relay leaves {@code touched} when
   * a plan takes it and goes back when its hand-off fails, to be tried in the next window
   * without keeping the others from theirs. One plan runs at a time, its hand-out included
   * (which takes several loop turns at hundreds of relays), so a later plan never hands a
   * relay targets older than the ones it has; a window closing meanwhile plans once it is done.
   */
  private void replan() {
    if (stopping) {
      return;
    }
    if (planRunning) {
      planAgain = true;
      return;
    }
    RepoIndex snapshot = index;
    boolean full = !planned;
    List<RelayUrl> relays = List.copyOf(touched);
    planned = true;
    touched.clear();
    planRunning = true;
    planner.executeBlocking(() -> full ? derivation.all(snapshot) : derivation.of(snapshot, relays))
        .onComplete(ar -> {
          if (stopping) {
            planRunning = false;
            return;
          }
          if (ar.failed()) {
            planRunning = false;
            metrics.handOffFailed();
            log.error("cannot plan {} relays; trying again in the next window", relays.size(), ar.cause());
            touched.addAll(relays);
            openWindow(retryWindow());
            return;
          }
          handOut(ar.result()).onComplete(done -> {
            planRunning = false;
            if (planAgain && !stopping) {
              planAgain = false;
              openWindow(config.batchWindow());
            }
          });
        });
  }

  /** Hands each relay its targets, {@value #HAND_OUT_PER_TURN} relays per loop turn. */
  private Future<Void> handOut(RelayTargets targets) {
    if (!targets.overCap().isEmpty()) {
      log.warn("{} relays over max-relays ({}) are not dialled", targets.overCap().size(), config.maxRelays());
      targets.overCap().forEach(r -> metrics.refusedRelay("over_max_relays"));
    }
    boolean[] failed = {false};
    return InTurns.forEach(context, List.copyOf(targets.byRelay().values()), HAND_OUT_PER_TURN, t -> {
      if (!stopping && !fleet.handOver(t.relay(), t::items, t.bootstrap())) {
        failed[0] = true;
        touched.add(t.relay());
      }
    }).onComplete(ar -> {
      if (failed[0] && !stopping) {
        openWindow(retryWindow());
      }
    });
  }

  private Duration retryWindow() {
    return RETRY_WINDOW.compareTo(config.batchWindow()) > 0 ? RETRY_WINDOW : config.batchWindow();
  }

  /** A worker with no targets and no pending work asks to go. */
  private void onWorkerIdle(RelayUrl relay) {
    context.runOnContext(v -> {
      if (derivation.hasTargets(index, relay) || config.bootstrapRelays().contains(relay)) {
        return; // needed again meanwhile
      }
      fleet.retire(relay);
    });
  }

  /** Undeploys every worker, those still deploying too; any thread (the work runs on the coordinator's loop). */
  Future<Void> shutdown() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopping = true;
      fleet.stop().eventually(() -> planner.close()).onComplete(done);
    });
    return done.future();
  }
}
