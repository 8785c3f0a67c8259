package dev.graspsync.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the engine needs to run. The caller (the host's configuration) validates values
 * against user-facing keys; the checks here only guard against programming errors.
 *
 * @param dataDir directory holding the RocksDB files (created when absent)
 * @param policy which events are accepted
 * @param ownRelayUrls this relay's public URLs, compared with announcement `relays` tags
 *     after {@link RelayUrls#normalise}
 * @param maxLimit cap on a REQ filter's {@code limit}, and the limit of a filter without one
 * @param maxEventTags events with more tags are refused with {@code invalid:}
 * @param verifyThreads size of the worker pool that checks signatures
 */
public record EngineSettings(
    Path dataDir,
    AcceptancePolicyKind policy,
    List<String> ownRelayUrls,
    int maxLimit,
    int maxEventTags,
    int verifyThreads) {

  public static final int DEFAULT_MAX_LIMIT = 5000;
  public static final int DEFAULT_MAX_EVENT_TAGS = 2000;

  public EngineSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(policy, "policy");
    ownRelayUrls = List.copyOf(ownRelayUrls);
    if (maxLimit < 1) {
      throw new IllegalArgumentException("maxLimit must be at least 1, was " + maxLimit);
    }
    if (maxEventTags < 1) {
      throw new IllegalArgumentException("maxEventTags must be at least 1, was " + maxEventTags);
    }
    if (verifyThreads < 1) {
      throw new IllegalArgumentException("verifyThreads must be at least 1, was " + verifyThreads);
    }
  }

  /** Defaults for everything but the data directory, the policy and the relay's URLs. */
  public static EngineSettings defaults(
      Path dataDir, AcceptancePolicyKind policy, List<String> ownRelayUrls) {
    return new EngineSettings(
        dataDir,
        policy,
        ownRelayUrls,
        DEFAULT_MAX_LIMIT,
        DEFAULT_MAX_EVENT_TAGS,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public EngineSettings withMaxLimit(int value) {
    return new EngineSettings(dataDir, policy, ownRelayUrls, value, maxEventTags, verifyThreads);
  }

  public EngineSettings withMaxEventTags(int value) {
    return new EngineSettings(dataDir, policy, ownRelayUrls, maxLimit, value, verifyThreads);
  }

  public EngineSettings withVerifyThreads(int value) {
    return new EngineSettings(dataDir, policy, ownRelayUrls, maxLimit, maxEventTags, value);
  }
}
