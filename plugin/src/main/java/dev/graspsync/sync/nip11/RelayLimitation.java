package dev.graspsync.sync.nip11;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * NIP-11 {@code limitation}: every field optional, absent when missing or of the wrong type.
 * Sync uses {@code max_limit} (page sizes and paging), {@code max_subscriptions}
 * (consolidation), {@code max_filters} (filters a REQ may carry), {@code max_message_length}
 * and {@code auth_required}.
 */
public record RelayLimitation(
    OptionalInt maxMessageLength,
    OptionalInt maxSubscriptions,
    OptionalInt maxFilters,
    OptionalInt maxLimit,
    OptionalInt defaultLimit,
    OptionalInt maxSubidLength,
    OptionalInt maxEventTags,
    OptionalInt maxContentLength,
    Optional<Boolean> authRequired,
    Optional<Boolean> restrictedWrites,
    Optional<Boolean> paymentRequired,
    OptionalLong createdAtLowerLimit,
    OptionalLong createdAtUpperLimit) {

  public static final RelayLimitation NONE =
      new RelayLimitation(
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          OptionalInt.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());
}
