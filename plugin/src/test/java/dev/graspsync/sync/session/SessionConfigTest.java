package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

  @Test
  void defaultsMatchTheDocumentedProperties() {
    SessionConfig c = SessionConfig.defaults();
    assertThat(c.maxMessageBytes()).isEqualTo(512 * 1024);
    assertThat(c.eoseTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxInFlight()).isEqualTo(256);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> SessionConfig.defaults().withMaxMessageBytes(0))
        .hasMessageContaining("max-message-bytes");
    assertThatThrownBy(() -> SessionConfig.defaults().withEoseTimeout(Duration.ZERO))
        .hasMessageContaining("eose-timeout-seconds");
    assertThatThrownBy(() -> SessionConfig.defaults().withInFlight(10, 10))
        .hasMessageContaining("resume-below");
    assertThatThrownBy(() -> SessionConfig.defaults().withMaxFrameBytes(1024))
        .hasMessageContaining("max-frame-bytes");
  }

  @Test
  void raisingTheMessageLimitRaisesTheFrameLimitWithIt() {
    SessionConfig c = SessionConfig.defaults().withMaxMessageBytes(4 * 1024 * 1024);
    assertThat(c.maxFrameBytes()).isGreaterThanOrEqualTo(c.maxMessageBytes());
  }
}
