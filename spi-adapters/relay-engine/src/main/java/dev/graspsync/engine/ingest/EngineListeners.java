package dev.graspsync.engine.ingest;

import dev.graspsync.engine.EngineEvent;
import dev.graspsync.engine.store.Admission;
import dev.graspsync.engine.store.PendingWrite;
import dev.graspsync.engine.store.WriteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands accepted events from the writer thread to the engine's listeners, batch by batch on
 * one Vert.x context: a context runs its tasks in order, so listeners see store order.
 */
public final class EngineListeners implements WriteListener {
  private static final Logger LOG = LoggerFactory.getLogger(EngineListeners.class);

  private final Context context;
  private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Counter failures;

  public EngineListeners(Context context, MeterRegistry meters) {
    this.context = context;
    this.failures =
        Counter.builder("relay.listener.failures")
            .description("Accepted-event listeners that threw")
            .register(meters);
  }

  public void add(Consumer<EngineEvent> listener) {
    listeners.add(listener);
  }

  @Override
  public void committed(List<PendingWrite> accepted, List<Admission> admissions, long storeSequence) {
    List<EngineEvent> events = new ArrayList<>(accepted.size());
    for (int i = 0; i < accepted.size(); i++) {
      PendingWrite write = accepted.get(i);
      boolean stored = admissions.get(i) instanceof Admission.Stored;
      events.add(new EngineEvent(write.event(), write.source(), stored, storeSequence));
    }
    context.runOnContext(v -> deliver(events));
  }

  private void deliver(List<EngineEvent> events) {
    for (EngineEvent event : events) {
      for (Consumer<EngineEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          failures.increment();
          LOG.error("listener failed on event {}", event.event().id(), e);
        }
      }
    }
  }
}
