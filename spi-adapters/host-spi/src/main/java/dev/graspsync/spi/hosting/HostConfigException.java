package dev.graspsync.spi.hosting;

/**
 * A configuration a host cannot start with; the message names the key (or file) and what it
 * accepts. Hosts may refine it with their own subclass.
 */
public class HostConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HostConfigException(String message) {
    super(message);
  }
}
