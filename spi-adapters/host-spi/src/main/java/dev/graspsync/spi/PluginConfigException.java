package dev.graspsync.spi;

/** A plugin property with a value the plugin cannot use; the message names the full key. */
public final class PluginConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginConfigException(String message) {
    super(message);
  }
}
