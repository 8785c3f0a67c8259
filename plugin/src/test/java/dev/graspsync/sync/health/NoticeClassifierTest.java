package dev.graspsync.sync.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeClassifierTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "rate-limited: slow down", "Rate limit exceeded", "you have hit the RATE LIMIT", "Too many requests",
    "too many subscriptions", "please SLOW DOWN", "throttled", "Throttling in effect"})
  void rateLimitNotices(String notice) {
    assertThat(NoticeClassifier.isRateLimit(notice)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ERROR: bad msg", "invalid: filter too large", "unknown message", "limit is 500"})
  void otherNotices(String notice) {
    assertThat(NoticeClassifier.isRateLimit(notice)).isFalse();
  }
}
