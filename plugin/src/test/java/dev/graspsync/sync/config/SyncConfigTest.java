package dev.graspsync.sync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.spi.PluginConfig;
import dev.graspsync.spi.PluginConfigException;
import dev.graspsync.sync.relay.RelayUrl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncConfigTest {

  private static SyncConfig parse(Map<String, String> values) {
    return SyncConfig.from(new PluginConfig("plugins.grasp-sync.", values));
  }

  @Test
  void defaults() {
    SyncConfig c = SyncConfig.defaults();
    assertThat(c.bootstrapRelays()).isEmpty();
    assertThat(c.batchWindow()).isEqualTo(Duration.ofMillis(1000));
    assertThat(c.filterChunkSize()).isEqualTo(100);
    assertThat(c.consolidationThreshold()).isEqualTo(70);
    assertThat(c.rateLimitCooldown()).isEqualTo(Duration.ofSeconds(65));
    assertThat(c.eoseTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.batchMaxAttempts()).isEqualTo(5);
    assertThat(c.quickReconnectWindow()).isEqualTo(Duration.ofSeconds(900));
    assertThat(c.catchUpOverlap()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.baseBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxBackoff()).isEqualTo(Duration.ofHours(1));
    assertThat(c.deadAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.startupJitter()).isEqualTo(Duration.ofMillis(3000));
    assertThat(c.maxRelays()).isEqualTo(1000);
    assertThat(c.maxRelaysPerRepo()).isEqualTo(20);
    assertThat(c.allowPrivateAddresses()).isFalse();
    assertThat(c.maxMessageBytes()).isEqualTo(524_288);
    assertThat(c.maxEventsInFlight()).isEqualTo(4096);
    assertThat(c.maxHistoryPages()).isEqualTo(10_000);
    assertThat(c.trustedCertificatesFile()).isEmpty();
    assertThat(c.trustOptions()).isEmpty();
    assertThat(c.addressPolicy().allowPrivateAddresses()).isFalse();
    assertThat(c.batchRules().maxAttempts()).isEqualTo(5);
    assertThat(c.healthRules().baseBackoff()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aTrustedCertificatesFileIsReadAtStartUpAndABadOneNamesTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path ca = dev.graspsync.sync.dial.TestAuthority.create("config test CA").writeCertificate(dir.resolve("ca.pem"));
    java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("junk.pem"), "not a certificate");

    SyncConfig c = parse(Map.of("trusted-certificates-file", ca.toString()));

    assertThat(c.trustedCertificatesFile()).contains(ca);
    assertThat(c.trustOptions()).isPresent();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(Map.of("trusted-certificates-file", junk.toString())))
        .hasMessageContaining("plugins.grasp-sync.trusted-certificates-file");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> parse(Map.of("trusted-certificates-file", dir.resolve("missing.pem").toString())))
        .hasMessageContaining("plugins.grasp-sync.trusted-certificates-file");
  }

  @Test
  void readsEveryProperty() {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap-relays", "wss://A.example/, ws://127.0.0.1:7000 ,wss://a.example");
    m.put("batch-window-ms", "5");
    m.put("filter-chunk-size", "50");
    m.put("consolidation-threshold", "20");
    m.put("rate-limit-cooldown-seconds", "2");
    m.put("eose-timeout-seconds", "3");
    m.put("batch-max-attempts", "2");
    m.put("quick-reconnect-window-seconds", "4");
    m.put("catch-up-overlap-seconds", "6");
    m.put("base-backoff-seconds", "1");
    m.put("max-backoff-seconds", "8");
    m.put("dead-after-hours", "2");
    m.put("connect-timeout-seconds", "9");
    m.put("startup-jitter-ms", "0");
    m.put("max-relays", "10");
    m.put("max-relays-per-repo", "3");
    m.put("allow-private-addresses", "true");
    m.put("max-message-bytes", "2048");
    m.put("max-events-in-flight", "64");
    m.put("max-history-pages", "7");
    SyncConfig c = parse(m);
    assertThat(c.bootstrapRelays()).containsExactly(
        RelayUrl.parse("wss://a.example").url().orElseThrow(), RelayUrl.parse("ws://127.0.0.1:7000").url().orElseThrow());
    assertThat(c.batchWindow()).isEqualTo(Duration.ofMillis(5));
    assertThat(c.filterChunkSize()).isEqualTo(50);
    assertThat(c.consolidationThreshold()).isEqualTo(20);
    assertThat(c.rateLimitCooldown()).hasSeconds(2);
    assertThat(c.eoseTimeout()).hasSeconds(3);
    assertThat(c.batchMaxAttempts()).isEqualTo(2);
    assertThat(c.quickReconnectWindow()).hasSeconds(4);
    assertThat(c.catchUpOverlap()).hasSeconds(6);
    assertThat(c.baseBackoff()).hasSeconds(1);
    assertThat(c.maxBackoff()).hasSeconds(8);
    assertThat(c.deadAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.connectTimeout()).hasSeconds(9);
    assertThat(c.startupJitter()).isZero();
    assertThat(c.maxRelays()).isEqualTo(10);
    assertThat(c.maxRelaysPerRepo()).isEqualTo(3);
    assertThat(c.allowPrivateAddresses()).isTrue();
    assertThat(c.maxMessageBytes()).isEqualTo(2048);
    assertThat(c.maxEventsInFlight()).isEqualTo(64);
    assertThat(c.maxHistoryPages()).isEqualTo(7);
    assertThat(c.batchRules().rateLimitCooldown()).hasSeconds(2);
    assertThat(c.healthRules().deadAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(c.indexRules(List.of("wss://me.example")).ownUrls())
        .containsExactly(RelayUrl.parse("wss://me.example").url().orElseThrow());
  }

  @Test
  void badValuesNameTheFullKey() {
    assertThatThrownBy(() -> parse(Map.of("filter-chunk-size", "0")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.filter-chunk-size");
    assertThatThrownBy(() -> parse(Map.of("eose-timeout-seconds", "soon")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.eose-timeout-seconds");
    assertThatThrownBy(() -> parse(Map.of("max-events-in-flight", "15")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.max-events-in-flight");
    assertThatThrownBy(() -> parse(Map.of("allow-private-addresses", "yes")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.allow-private-addresses");
    assertThatThrownBy(() -> parse(Map.of("bootstrap-relays", "wss://ok.example,https://nope.example")))
        .isInstanceOf(PluginConfigException.class)
        .hasMessageContaining("plugins.grasp-sync.bootstrap-relays")
        .hasMessageContaining("https://nope.example");
  }

  @Test
  void unknownKeysAreRefusedByName() {
    assertThatThrownBy(() -> parse(Map.of("eose-timout-seconds", "5")))
        .isInstanceOf(PluginConfigException.class)
        .hasMessageContaining("plugins.grasp-sync.eose-timout-seconds");
  }

  @Test
  void crossChecks() {
    assertThatThrownBy(() -> parse(Map.of("base-backoff-seconds", "10", "max-backoff-seconds", "5")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.max-backoff-seconds");
    assertThatThrownBy(() -> parse(Map.of("max-relays", "1", "bootstrap-relays", "wss://a.example,wss://b.example")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.bootstrap-relays");
  }

  @Test
  void reconciliationRunsHourlyByDefaultAndZeroTurnsItOff() {
    assertThat(SyncConfig.defaults().reconcileInterval()).isEqualTo(java.time.Duration.ofMinutes(60));
    assertThat(parse(Map.of("reconcile-interval-minutes", "0")).reconcileInterval()).isZero();
    assertThatThrownBy(() -> parse(Map.of("reconcile-interval-minutes", "-1")))
        .isInstanceOf(PluginConfigException.class).hasMessageContaining("plugins.grasp-sync.reconcile-interval-minutes");
  }

  @Test
  void everyPropertyIsDocumentedInTheEnum() {
    assertThat(SyncProperty.values()).extracting(SyncProperty::key).doesNotHaveDuplicates().hasSize(26);
    assertThat(SyncProperty.values()).allSatisfy(p -> assertThat(p.meaning()).isNotBlank());
  }
}
