package dev.graspsync.it.bench.infra;

import java.util.Optional;

/** OKs a relay gave for a bulk publish, and the first refusal's message when there was one. */
public record PublishResult(long accepted, long duplicates, long refused, Optional<String> firstRefusal) {
  public static final PublishResult NONE = new PublishResult(0, 0, 0, Optional.empty());

  public PublishResult plus(PublishResult o) {
    return new PublishResult(accepted + o.accepted, duplicates + o.duplicates, refused + o.refused,
        firstRefusal.isPresent() ? firstRefusal : o.firstRefusal);
  }
}
