package dev.graspsync.spi.loader;

/** A plugins directory whose content cannot be loaded; the message names the jar. */
public final class PluginLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginLoadException(String message) {
    super(message);
  }

  public PluginLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
