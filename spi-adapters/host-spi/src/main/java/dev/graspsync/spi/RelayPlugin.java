package dev.graspsync.spi;

/**
 * A plugin a host relay loads with {@link java.util.ServiceLoader} from its plugins directory.
 *
 * <p>Implementations need a public no-argument constructor and a {@code
 * META-INF/services/dev.graspsync.spi.RelayPlugin} entry in their jar.
 */
public interface RelayPlugin {

  /**
   * Stable id operators name in {@code relay.plugins} and under which the plugin's properties
   * live ({@code plugins.<id>.*}). Lower-case letters, digits and '-'.
   */
  String id();

  /**
   * Called once, on the host's start-up thread, before the relay serves anything. The plugin
   * keeps the host, validates its configuration and registers hooks here; it starts I/O only
   * from its {@link RelayHost#onStartup} hook.
   *
   * <p>Failure: throwing (for example {@link PluginConfigException} for a bad property) stops
   * the host's start-up with the exception's message, so an operator sees the bad key at once.
   */
  void register(RelayHost host);
}
