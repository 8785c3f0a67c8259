package dev.graspsync.host.server;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the relay serves clients yet. The port is bound before the relay knows its own URL
 * (port 0) and so before the engine and plugins are ready; until then, and again while
 * shutting down, WebSocket upgrades are refused with 503.
 */
public final class ServerGate {
  private final AtomicReference<Optional<RelayServices>> services = new AtomicReference<>(Optional.empty());

  public void open(RelayServices ready) {
    services.set(Optional.of(ready));
  }

  public void close() {
    services.set(Optional.empty());
  }

  public Optional<RelayServices> services() {
    return services.get();
  }
}
