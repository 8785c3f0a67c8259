package dev.graspsync.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketCompressionConfigTest {

  @Test
  void byDefaultBrowsersAreSentMessagesOf1024BytesAndMoreCompressedAtLevel6() {
    WebSocketCompression c = RelayConfigParser.parse(Map.of()).compression();

    assertThat(c).isEqualTo(new WebSocketCompression(WebSocketCompression.Readers.BROWSERS, 1024, 6));
    assertThat(c.enabled()).as("the extension is still negotiated with every client").isTrue();
    assertThat(c.compressesFor(true)).isTrue();
    assertThat(c.compressesFor(false)).isFalse();
    assertThat(c.worthTrying(1023)).isFalse();
    assertThat(c.worthTrying(1024)).isTrue();
  }

  @Test
  void onCompressesForEveryClientThatNegotiatesIt() {
    WebSocketCompression c = RelayConfigParser.parse(Map.of("relay.websocket-compression", "on")).compression();

    assertThat(c.compressesFor(false)).isTrue();
    assertThat(c.compressesFor(true)).isTrue();
  }

  @Test
  void offMeansNoMessageIsWorthCompressing() {
    WebSocketCompression c = RelayConfigParser.parse(Map.of(
        "relay.websocket-compression", "OFF", "relay.websocket-compression-min-bytes", "0")).compression();

    assertThat(c.enabled()).isFalse();
    assertThat(c.compressesFor(true)).isFalse();
    assertThat(c.worthTrying(1_000_000)).isFalse();
  }

  @Test
  void badValuesStopStartUpNamingTheKey() {
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression", "yes")))
        .hasMessageContaining("relay.websocket-compression").hasMessageContaining("on, browsers or off");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression-level", "0")))
        .hasMessageContaining("relay.websocket-compression-level").hasMessageContaining("1 to 9");
    assertThatThrownBy(() -> RelayConfigParser.parse(Map.of("relay.websocket-compression-min-bytes", "-1")))
        .hasMessageContaining("relay.websocket-compression-min-bytes");
  }
}
