package dev.graspsync.host.server;

import dev.graspsync.engine.RelayEngine;
import dev.graspsync.host.config.NegentropySettings;
import dev.graspsync.host.metrics.RelayMetrics;
import java.time.Clock;

/** What client connections work with, available once the relay has finished starting. */
public record RelayServices(
    RelayEngine engine, ServerLimits limits, RelayMetrics metrics, Clock clock, NegentropySettings negentropy) {}
