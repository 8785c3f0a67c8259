package dev.graspsync.host.config;

import dev.graspsync.spi.hosting.HostConfigException;

/** A configuration the relay cannot start with; the message names the key and what it accepts. */
public final class ConfigException extends HostConfigException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
