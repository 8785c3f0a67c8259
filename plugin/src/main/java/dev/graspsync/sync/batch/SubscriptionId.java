package dev.graspsync.sync.batch;

import java.util.Optional;

/**
 * Names a batch's subscriptions so a message maps back to batch and filter without a lookup
 * table: {@code b<batch>.<filter>} for a filter's first (then live) subscription and
 * {@code b<batch>.<filter>.p<page>} for its older pages. At most 40 characters, within every
 * relay's {@code max_subid_length} seen in practice (64).
 *
 * @param page 0 for the first subscription, 1.. for pages
 */
public record SubscriptionId(long batchId, int filterIndex, int page) {
  public SubscriptionId {
    if (batchId < 0 || filterIndex < 0 || page < 0) {
      throw new IllegalArgumentException("negative subscription id part");
    }
  }

  public String text() {
    return "b" + batchId + "." + filterIndex + (page == 0 ? "" : ".p" + page);
  }

  @Override
  public String toString() {
    return text();
  }

  /** Empty for ids this scheme did not make (the relay echoing something else). */
  public static Optional<SubscriptionId> parse(String text) {
    // only the canonical spelling: "b01.2" or "b+1.2" are not ours
    return parseParts(text).filter(id -> id.text().equals(text));
  }

  private static Optional<SubscriptionId> parseParts(String text) {
    if (text.length() > 40 || !text.startsWith("b")) {
      return Optional.empty();
    }
    String[] parts = text.substring(1).split("\\.", -1);
    try {
      if (parts.length == 2) {
        return Optional.of(new SubscriptionId(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), 0));
      }
      if (parts.length == 3 && parts[2].startsWith("p")) {
        int page = Integer.parseInt(parts[2].substring(1));
        return page < 1
            ? Optional.empty()
            : Optional.of(new SubscriptionId(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), page));
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // NumberFormatException, or a negative part
    }
    return Optional.empty();
  }
}
