package dev.graspsync.sync.nip11;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a relay's NIP-11 information document that sync uses. Missing or ill-typed
 * fields are absent (empty), never an error.
 *
 * @param supportedGrasps e.g. {@code ["GRASP-01", "GRASP-02"]}
 */
public record RelayInfo(
    Optional<String> name,
    Optional<String> software,
    Optional<String> version,
    Set<Integer> supportedNips,
    List<String> supportedGrasps,
    RelayLimitation limitation) {

  /** What we know of a relay without a (usable) document. */
  public static final RelayInfo EMPTY =
      new RelayInfo(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), List.of(), RelayLimitation.NONE);

  public RelayInfo {
    supportedNips = Set.copyOf(supportedNips);
    supportedGrasps = List.copyOf(supportedGrasps);
  }

  public boolean supportsNip(int nip) {
    return supportedNips.contains(nip);
  }
}
