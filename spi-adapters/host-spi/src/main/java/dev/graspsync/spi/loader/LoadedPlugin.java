package dev.graspsync.spi.loader;

import dev.graspsync.spi.RelayPlugin;
import java.nio.file.Path;

/** A plugin instance and the jar it came from. */
public record LoadedPlugin(RelayPlugin plugin, Path jar) {}
