package dev.graspsync.spi.hosting;

import java.util.List;

/**
 * The settings a host process owns, for {@link ConfigSources}: its key prefix ({@code relay.},
 * {@code sidecar.}), every key it knows, and the key that lists the enabled plugins.
 */
public record HostKeys(String prefix, List<String> known, String pluginsKey) {
  public HostKeys {
    if (!prefix.endsWith(".")) {
      throw new IllegalArgumentException("a key prefix ends with '.': " + prefix);
    }
    known = List.copyOf(known);
  }
}
