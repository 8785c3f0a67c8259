package dev.graspsync.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketCompressionConfigTest {

  @Test
  void compressionIsOnForMessagesOf1024BytesAndMoreAtLevel6ByDefault() {
    WebSocketCompression c = RelayConfigParser.parse(Map.of()).compression();

    assertThat(c).isEqualTo(new WebSocketCompression(true, 1024, 6));
    assertThat(c.worthTrying(1023)).isFalse();
    assertThat(c.worthTrying(1024)).isTrue();
  }

  @Test
  void offMeansNoMessageIsWorthCompressing() {
    WebSocketCompression c = RelayConfigParser.parse(Map.of(
        "relay.websocket-compression", "OFF", "relay.websocket-compression-min-bytes", "0")).compression();

    assertThat(c.enabled()).isFalse();
    assertThat(c.worthTrying(1_000_000)).isFalse();
  }

  @Test
  void badValuesStopStartUpNamingTheKey() {
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression", "yes")))
        .hasMessageContaining("relay.websocket-compression").hasMessageContaining("on or off");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression-level", "0")))
        .hasMessageContaining("relay.websocket-compression-level").hasMessageContaining("1 to 9");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression-min-bytes", "-1")))
        .hasMessageContaining("relay.websocket-compression-min-bytes");
  }
}
