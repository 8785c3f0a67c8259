package dev.graspsync.host.nip11;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.host.config.RelayConfig;
import java.util.List;

/**
 * This relay's NIP-11 information document, as values. What it advertises is what the
 * server enforces: the limits come from the same {@link RelayConfig}.
 */
public record RelayInfo(
    String name,
    String description,
    String software,
    String version,
    List<Integer> supportedNips,
    List<String> supportedGrasps,
    Limitation limitation) {

  /** The NIPs this host implements: basic protocol, deletion, this document, COUNT. */
  public static final List<Integer> SUPPORTED_NIPS = List.of(1, 9, 11, 45, 77);

  public static final String SOFTWARE = "grasp-sync reference host";

  public RelayInfo {
    supportedNips = List.copyOf(supportedNips);
    supportedGrasps = List.copyOf(supportedGrasps);
  }

  public record Limitation(
      int maxMessageLength,
      int maxSubscriptions,
      int maxFilters,
      int maxLimit,
      int defaultLimit,
      int maxSubidLength,
      int maxEventTags,
      boolean authRequired,
      boolean restrictedWrites) {}

  /**
   * No GRASP is claimed: clients read {@code supported_grasps} to find a server that takes
   * their git pushes, and this host serves no git. Its GRASP-01 policy decides which events it
   * stores (not git data; GRASP-01 also rejects announcements that do not list the service in
   * {@code clone}, which a host without git cannot meet), and grasp-sync does the event half of
   * GRASP-02 (no git data is fetched). docs/configuration.md says so.
   */
  public static RelayInfo of(RelayConfig config, String version) {
    return new RelayInfo(
        config.name(),
        config.description(),
        SOFTWARE,
        version,
        SUPPORTED_NIPS,
        List.of(),
        new Limitation(
            config.maxMessageBytes(),
            config.maxSubscriptions(),
            config.maxFilters(),
            config.maxLimit(),
            config.maxLimit(),
            RelayConfig.MAX_SUBSCRIPTION_ID_LENGTH,
            config.maxEventTags(),
            false,
            config.policy() == AcceptancePolicyKind.GRASP));
  }
}
