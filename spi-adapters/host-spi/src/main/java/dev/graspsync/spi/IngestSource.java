package dev.graspsync.spi;

import java.util.Optional;

/**
 * Where an event came from: a client connection, or a plugin (with the remote relay it
 * fetched the event from, when there is one).
 */
public record IngestSource(Kind kind, String name, Optional<String> remoteRelay) {

  public enum Kind {
    CLIENT,
    PLUGIN
  }

  public static IngestSource client(String connectionName) {
    return new IngestSource(Kind.CLIENT, connectionName, Optional.empty());
  }

  public static IngestSource plugin(String pluginId, String remoteRelay) {
    return new IngestSource(Kind.PLUGIN, pluginId, Optional.of(remoteRelay));
  }
}
