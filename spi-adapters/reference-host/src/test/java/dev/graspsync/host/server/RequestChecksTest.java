package dev.graspsync.host.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestChecksTest {
  private final ServerLimits limits = new ServerLimits(1024, 2, 3, 64, 10, 20, 1 << 20);

  @Test
  void refusesTooManyFiltersAndTooManySubscriptionsWithBlocked() {
    assertThat(RequestChecks.req("s", 4, 0, false, limits)).hasValueSatisfying(r -> assertThat(r)
        .startsWith("blocked:").contains("3 filters"));
    assertThat(RequestChecks.req("s", 1, 2, false, limits)).hasValueSatisfying(r -> assertThat(r)
        .startsWith("blocked:").contains("2 open subscriptions"));
    assertThat(RequestChecks.req("s", 3, 1, false, limits)).isEmpty();
  }

  @Test
  void replacingASubscriptionIsAllowedAtTheLimit() {
    assertThat(RequestChecks.req("s", 1, 2, true, limits)).isEmpty();
  }

  @Test
  void subscriptionIdsAreOneTo64Characters() {
    assertThat(RequestChecks.subscriptionId("", limits)).hasValueSatisfying(r -> assertThat(r).startsWith("invalid:"));
    assertThat(RequestChecks.subscriptionId("x".repeat(65), limits)).isPresent();
    assertThat(RequestChecks.subscriptionId("x".repeat(64), limits)).isEmpty();
  }

  @Test
  void countsUtf8Bytes() {
    assertThat(RequestChecks.utf8Length("abc")).isEqualTo(3);
    assertThat(RequestChecks.utf8Length("é")).isEqualTo(2);
    assertThat(RequestChecks.utf8Length("€")).isEqualTo(3);
    assertThat(RequestChecks.utf8Length("😀")).isEqualTo(4);
    assertThat(RequestChecks.utf8Length("é€😀a")).isEqualTo("é€😀a".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
