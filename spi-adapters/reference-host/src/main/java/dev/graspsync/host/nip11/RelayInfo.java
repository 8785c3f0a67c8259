package dev.graspsync.host.nip11;

import dev.graspsync.engine.AcceptancePolicyKind;
import dev.graspsync.host.config.RelayConfig;
import java.util.ArrayList;
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
   * GRASP-01 whenever the GRASP policy is on; GRASP-02 when the grasp-sync plugin is enabled
   * (it is the plugin that implements proactive sync).
   */
  public static RelayInfo of(RelayConfig config, String version) {
    List<String> grasps = new ArrayList<>();
    if (config.policy() == AcceptancePolicyKind.GRASP) {
      grasps.add("GRASP-01");
    }
    if (config.plugins().contains("grasp-sync")) {
      grasps.add("GRASP-02");
    }
    return new RelayInfo(
        config.name(),
        config.description(),
        SOFTWARE,
        version,
        SUPPORTED_NIPS,
        grasps,
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
