package dev.graspsync.sync.engine;

import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.dial.ConnectFailure;
import dev.graspsync.sync.dial.DialOutcome;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.RelayTarget;
import dev.graspsync.sync.relay.RelayUrl;
import dev.graspsync.sync.state.RelayRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay workers of the {@link SyncCoordinator}, on its event loop: which relays have one,
 * which are being admitted or deployed, which were refused. A relay's targets go to its worker;
 * a relay without one is admitted (its address checked) and given a worker within {@code
 * max-relays}; a worker no repository needs is undeployed and its state forgotten.
 *
 * <p>A relay being admitted or deployed keeps the newest targets a plan handed it and gets
 * them once its worker is deployed: targets are derived off the loop by the coordinator's
 * plans, never here (deriving the busiest relay's targets on the loop took 213 ms in B4).
 */
final class RelayFleet {
  private static final Logger log = LoggerFactory.getLogger(RelayFleet.class);

  private final Vertx vertx;
  private final SyncConfig config;
  private final WorkerDeps deps;
  private final WorkerSteps steps;
  /** A relay whose worker started but could not be handed its targets: owed them in the next window. */
  private final Consumer<RelayUrl> owed;

  private Map<String, RelayRecord> restored = Map.of();
  /** Deployed workers: only these are handed targets. */
  private final Map<RelayUrl, RelayWorker> workers = new HashMap<>();
  /** Workers being deployed; each is handed its newest queued targets when its deployment completes. */
  private final Map<RelayUrl, Future<String>> starting = new HashMap<>();
  private final Set<RelayUrl> admitting = new HashSet<>();
  /** The newest targets of each relay being admitted or deployed: handed over once it is deployed. */
  private final Map<RelayUrl, ItemSet> queued = new HashMap<>();
  private final Set<RelayUrl> refused = new HashSet<>();
  private boolean stopping;

  RelayFleet(Vertx vertx, WorkerDeps deps, WorkerSteps steps, Consumer<RelayUrl> owed) {
    this.vertx = vertx;
    this.config = deps.config();
    this.deps = deps;
    this.steps = steps;
    this.owed = owed;
  }

  /** The sync state loaded at start-up: a relay's new worker resumes from its record. */
  void restore(Map<String, RelayRecord> records) {
    restored = records;
  }

  /** Routes one relay's targets; a failure is logged and counted, and leaves the relay owed them. */
  boolean handOver(RelayUrl relay, Supplier<ItemSet> items, boolean bootstrap) {
    try {
      route(relay, items.get(), bootstrap);
      return true;
    } catch (RuntimeException e) {
      deps.metrics().handOffFailed();
      log.error("cannot hand {} its targets; trying again in the next window", relay, e);
      return false;
    }
  }

  /** Hands a relay its targets: to its worker, or to a new one within max-relays. */
  private void route(RelayUrl relay, ItemSet items, boolean bootstrap) {
    RelayWorker worker = workers.get(relay);
    if (worker != null) {
      steps.handTargets(worker, items);
    } else if (queued.containsKey(relay)) {
      queued.put(relay, items); // handed over once its worker is deployed
    } else if (!items.isEmpty() && !refused.contains(relay)) {
      if (workers.size() + starting.size() + admitting.size() >= config.maxRelays() && !bootstrap) {
        deps.metrics().refusedRelay("over_max_relays");
        log.warn("{} is over max-relays ({}): not dialled", relay, config.maxRelays());
        return;
      }
      admit(new RelayTarget(relay, bootstrap, items));
    }
  }

  /**
   * Checks where the URL leads (anyone can publish it) before a worker may dial it; the worker
   * checks again before every connection attempt, since the name's answer may change.
   */
  private void admit(RelayTarget target) {
    RelayUrl relay = target.relay();
    if (!admitting.add(relay)) {
      return;
    }
    queued.put(relay, target.items());
    deps.gate().prepare(relay, target.bootstrap()).onComplete(ar -> {
      admitting.remove(relay);
      if (stopping) {
        queued.remove(relay);
        return;
      }
      if (ar.result() instanceof DialOutcome.Failed no && no.reason() == ConnectFailure.PRIVATE_ADDRESS) {
        queued.remove(relay);
        refused.add(relay);
        deps.metrics().refusedRelay("private_address");
        log.warn("not syncing from {}: {}", relay, no.detail());
        return;
      }
      if (ar.result() instanceof DialOutcome.Failed no) {
        // unresolvable now: its worker retries with the relay backoff and shows why it fails
        log.info("{} does not resolve yet: {}", relay, no.detail());
      }
      startWorker(target);
    });
  }

  /**
   * Deploys a relay's worker. Until its deployment completes it has no event loop, so windows
   * closing meanwhile only replace its queued targets; it is handed the newest once deployed.
   */
  private void startWorker(RelayTarget target) {
    RelayUrl relay = target.relay();
    RelayWorker worker = new RelayWorker(relay, target.bootstrap(),
        restored.getOrDefault(relay.toString(), RelayRecord.empty(relay.toString())), deps);
    Future<String> deployed = steps.deploy(vertx, worker);
    starting.put(relay, deployed);
    deployed.onComplete(ar -> {
      starting.remove(relay);
      ItemSet newest = Objects.requireNonNullElse(queued.remove(relay), target.items());
      if (ar.failed()) {
        deps.metrics().forget(relay.toString());
        deps.board().remove(relay.toString());
        log.warn("cannot start sync worker for {}: {}", relay, ar.cause().getMessage());
        return;
      }
      if (stopping) {
        return; // shutdown undeploys it
      }
      workers.put(relay, worker);
      if (!handOver(relay, () -> newest, target.bootstrap())) {
        owed.accept(relay);
      }
    });
  }

  /** Undeploys a relay's worker, if it has one, and forgets the relay's state. */
  void retire(RelayUrl relay) {
    RelayWorker worker = workers.remove(relay);
    if (worker == null) {
      return;
    }
    log.info("no repository needs {} any more: disconnecting", relay);
    vertx.undeploy(worker.deploymentID()).onComplete(ar -> {
      deps.state().write(s -> s.forgetRelay(relay.toString()));
      deps.metrics().forget(relay.toString());
      deps.board().remove(relay.toString());
    });
  }

  /** Undeploys every worker, those still deploying too; no worker starts after this. */
  Future<Void> stop() {
    stopping = true;
    List<Future<Void>> all = new ArrayList<>();
    for (RelayWorker w : workers.values()) {
      all.add(vertx.undeploy(w.deploymentID()));
    }
    for (Future<String> deploying : starting.values()) {
      all.add(deploying.compose(vertx::undeploy));
    }
    return Future.join(all).mapEmpty();
  }
}
