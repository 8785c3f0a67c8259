package dev.graspsync.sidecar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.message.RelayMessage;
import dev.graspsync.spi.IngestVerdict;
import org.junit.jupiter.api.Test;

class WriteOutcomeTest {
  private static WriteOutcome of(boolean accepted, String message, boolean canAuthenticate) {
    return WriteOutcome.of(new RelayMessage.Ok("a".repeat(64), accepted, message), canAuthenticate);
  }

  @Test
  void okMapsToTheVerdictThePluginCounts() {
    assertThat(of(true, "", false)).isEqualTo(new WriteOutcome.Final(IngestVerdict.ACCEPTED));
    assertThat(of(true, "duplicate: have it", false)).isEqualTo(new WriteOutcome.Final(IngestVerdict.DUPLICATE));
    assertThat(of(false, "duplicate: have it", false)).isEqualTo(new WriteOutcome.Final(IngestVerdict.DUPLICATE));
    assertThat(of(false, "blocked: not hosted here", false))
        .isEqualTo(new WriteOutcome.Final(new IngestVerdict.Rejected("blocked: not hosted here")));
    assertThat(of(false, "no thanks", false))
        .as("a refusal without a prefix gets one")
        .isEqualTo(new WriteOutcome.Final(new IngestVerdict.Rejected("blocked: no thanks")));
  }

  @Test
  void rateLimitsAndAuthenticationTheSidecarCanGiveAreRetriedNotDropped() {
    assertThat(of(false, "rate-limited: slow down", false)).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(of(false, "auth-required: who are you", true)).isInstanceOf(WriteOutcome.Retry.class);
    assertThat(of(false, "auth-required: who are you", false))
        .as("without a key, authentication will never come")
        .isEqualTo(new WriteOutcome.Final(new IngestVerdict.Rejected("auth-required: who are you")));
  }
}
