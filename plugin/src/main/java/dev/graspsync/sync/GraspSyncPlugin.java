package dev.graspsync.sync;

import dev.graspsync.spi.RelayHost;
import dev.graspsync.spi.RelayPlugin;
import dev.graspsync.sync.config.SyncConfig;
import dev.graspsync.sync.engine.SyncEngine;
import java.time.Clock;

/** GRASP-02 proactive sync as a host plugin: {@code relay.plugins=grasp-sync}. */
public final class GraspSyncPlugin implements RelayPlugin {
  public static final String ID = "grasp-sync";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void register(RelayHost host) {
    // Parsing here, not at startup, so a bad property stops the host before it serves anything.
    SyncConfig config = SyncConfig.from(host.config());
    SyncEngine engine = new SyncEngine(host, config, Clock.systemUTC());
    host.onStartup(engine::start);
    host.onEventAccepted(engine::onAccepted);
    host.onShutdown(engine::stop);
  }
}
