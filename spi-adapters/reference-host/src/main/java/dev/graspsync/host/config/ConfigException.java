package dev.graspsync.host.config;

/** A configuration the relay cannot start with; the message names the key and what it accepts. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
