package dev.graspsync.sync.health;

import java.util.Locale;

/**
 * Reads free-text NOTICE messages. Relays announce rate limits in prose, not with a prefix,
 * so the words are matched: "rate" with "limit", "too many", "slow down", "throttl"
 * (throttle, throttled, throttling), in any case.
 */
public final class NoticeClassifier {
  private NoticeClassifier() {}

  public static boolean isRateLimit(String notice) {
    String t = notice.toLowerCase(Locale.ROOT);
    return (t.contains("rate") && t.contains("limit"))
        || t.contains("too many")
        || t.contains("slow down")
        || t.contains("throttl");
  }
}
