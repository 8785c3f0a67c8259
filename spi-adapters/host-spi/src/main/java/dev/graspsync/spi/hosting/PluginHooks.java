package dev.graspsync.spi.hosting;

import dev.graspsync.spi.AcceptedEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks plugins registered, and how the host runs them: on one event loop (so accepted
 * events reach every plugin in the order they were stored), each call wrapped so that a
 * plugin that throws or fails is logged and counted (relay_plugin_errors_total) and never
 * hurts the relay or another plugin. A plugin whose startup hook fails is isolated: its
 * hooks are not called again.
 */
public final class PluginHooks {
  private static final Logger log = LoggerFactory.getLogger(PluginHooks.class);

  private record Hook<H>(String pluginId, H handler) {}

  private final Context loop;
  private final Consumer<String> pluginErrors;
  private final List<Hook<Supplier<Future<Void>>>> startups = new CopyOnWriteArrayList<>();
  private final List<Hook<Consumer<AcceptedEvent>>> accepted = new CopyOnWriteArrayList<>();
  private final List<Hook<Supplier<Future<Void>>>> shutdowns = new CopyOnWriteArrayList<>();
  private final Set<String> isolated = ConcurrentHashMap.newKeySet();

  /**
   * @param loop the event-loop context every hook runs on
   * @param pluginErrors counts a failed hook against its plugin id (the host's metric)
   */
  public PluginHooks(Context loop, Consumer<String> pluginErrors) {
    this.loop = loop;
    this.pluginErrors = pluginErrors;
  }

  public void addStartup(String pluginId, Supplier<Future<Void>> handler) {
    startups.add(new Hook<>(pluginId, handler));
  }

  public void addEventAccepted(String pluginId, Consumer<AcceptedEvent> handler) {
    accepted.add(new Hook<>(pluginId, handler));
  }

  public void addShutdown(String pluginId, Supplier<Future<Void>> handler) {
    shutdowns.add(new Hook<>(pluginId, handler));
  }

  /** Runs every startup hook, waits for all of them (each bounded by {@code bound}); never fails. */
  public Future<Void> runStartup(Duration bound) {
    return runAll("startup", startups, bound, true);
  }

  /** Runs every shutdown hook, waits for all of them (each bounded by {@code grace}); never fails. */
  public Future<Void> runShutdown(Duration grace) {
    return runAll("shutdown", shutdowns, grace, false);
  }

  /** Hands a stored event to every plugin's event-accepted hook. Callable from any thread. */
  public void eventAccepted(AcceptedEvent event) {
    if (accepted.isEmpty()) {
      return;
    }
    loop.runOnContext(v -> {
      for (Hook<Consumer<AcceptedEvent>> hook : accepted) {
        if (isolated.contains(hook.pluginId())) {
          continue;
        }
        try {
          hook.handler().accept(event);
        } catch (Throwable t) {
          pluginErrors.accept(hook.pluginId());
          log.warn("plugin '{}' failed on event {}", hook.pluginId(), event.event().id(), t);
        }
      }
    });
  }

  private Future<Void> runAll(String phase, List<Hook<Supplier<Future<Void>>>> hooks, Duration bound, boolean isolateOnFailure) {
    Promise<Void> all = Promise.promise();
    loop.runOnContext(v -> {
      List<Future<Void>> runs = new ArrayList<>();
      for (Hook<Supplier<Future<Void>>> hook : hooks) {
        if (isolated.contains(hook.pluginId())) {
          continue;
        }
        runs.add(runOne(phase, hook, bound, isolateOnFailure));
      }
      Future.join(runs).onComplete(ar -> all.complete());
    });
    return all.future();
  }

  private Future<Void> runOne(String phase, Hook<Supplier<Future<Void>>> hook, Duration bound, boolean isolateOnFailure) {
    Future<Void> run;
    try {
      run = hook.handler().get().timeout(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
    } catch (Throwable t) {
      run = Future.failedFuture(t);
    }
    return run.recover(failure -> {
      pluginErrors.accept(hook.pluginId());
      if (isolateOnFailure) {
        isolated.add(hook.pluginId());
        log.error("plugin '{}' failed its {} hook and is disabled; the relay keeps serving", hook.pluginId(), phase, failure);
      } else {
        log.warn("plugin '{}' failed its {} hook", hook.pluginId(), phase, failure);
      }
      return Future.succeededFuture();
    });
  }
}
