package dev.graspsync.spi.hosting;

/** One key a host knows, with its default as an operator writes it ("" when there is none). */
public interface ConfigKey {
  String key();

  String defaultValue();
}
