package dev.graspsync.sync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayUrlTest {

  private static String normalised(String text) {
    RelayUrl.Result r = RelayUrl.parse(text);
    assertThat(r).as(text).isInstanceOf(RelayUrl.Result.Valid.class);
    return r.url().orElseThrow().toString();
  }

  private static UrlRefusal refusal(String text) {
    RelayUrl.Result r = RelayUrl.parse(text);
    assertThat(r).as(text).isInstanceOf(RelayUrl.Result.Refused.class);
    return ((RelayUrl.Result.Refused) r).reason();
  }

  @ParameterizedTest
  @CsvSource({
    "wss://relay.example.com, wss://relay.example.com",
    "WSS://Relay.Example.COM/, wss://relay.example.com",
    "wss://relay.example.com:443, wss://relay.example.com",
    "ws://relay.example.com:80/, ws://relay.example.com",
    "ws://relay.example.com:443, ws://relay.example.com:443",
    "wss://relay.example.com:80, wss://relay.example.com:80",
    "wss://relay.example.com:7777///, wss://relay.example.com:7777",
    "wss://relay.example.com/Nostr/, wss://relay.example.com/Nostr",
    "wss://relay.example.com/path?x=1, wss://relay.example.com/path?x=1",
    "wss://relay.example.com/?, wss://relay.example.com",
    "wss://relay.example.com., wss://relay.example.com",
    "'  wss://relay.example.com  ', wss://relay.example.com",
    "wss://relay.example.com:, wss://relay.example.com",
    "wss://relay.example.com:00443, wss://relay.example.com",
    "ws://127.0.0.1:7000, ws://127.0.0.1:7000",
    "ws://[::1]:7000/, ws://[::1]:7000",
    "ws://[2001:DB8:0:0:0:0:0:1], ws://[2001:db8::1]",
    "ws://[::FFFF:10.0.0.1], ws://[::ffff:10.0.0.1]",
    "wss://bücher.example, wss://xn--bcher-kva.example",
    "wss://my_relay.example, wss://my_relay.example",
  })
  void normalises(String input, String expected) {
    assertThat(normalised(input)).isEqualTo(expected);
  }

  @Test
  void variantsOfOneRelayAreEqual() {
    RelayUrl a = RelayUrl.parse("wss://Relay.Example.com:443/").url().orElseThrow();
    RelayUrl b = RelayUrl.parse("wss://relay.example.com").url().orElseThrow();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.port()).isEqualTo(443);
    assertThat(a.secure()).isTrue();
  }

  @Test
  void everyAcceptedUrlIsOneJavaNetUriAccepts() throws Exception {
    for (String text : java.util.List.of("wss://relay.example.com/a%20b?x=1&y=(2)", "ws://127.0.0.1:1/x&lt;i&gt;y'(1)",
        "wss://relay.example.com/~user/p@th;v=1")) {
      RelayUrl url = RelayUrl.parse(text).url().orElseThrow();
      assertThat(new java.net.URI(url.toString()).getHost()).isEqualTo(url.hostForUrl());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "'', EMPTY",
    "'   ', EMPTY",
    "relay.example.com, MISSING_SCHEME",
    "://relay.example.com, MISSING_SCHEME",
    "https://relay.example.com, NOT_WEBSOCKET",
    "http://relay.example.com, NOT_WEBSOCKET",
    "file:///etc/passwd, NOT_WEBSOCKET",
    "wss://user@relay.example.com, USERINFO",
    "wss://user:pw@relay.example.com, USERINFO",
    "wss://relay.example.com/#x, FRAGMENT",
    "wss://relay.example.com#, FRAGMENT",
    "wss://, EMPTY_HOST",
    "wss:///path, EMPTY_HOST",
    "wss://:443, EMPTY_HOST",
    "wss://relay.example.com:0, BAD_PORT",
    "wss://relay.example.com:65536, BAD_PORT",
    "wss://relay.example.com:-1, BAD_PORT",
    "wss://relay.example.com:12ab, BAD_PORT",
    "wss://relay.example.com:123456, BAD_PORT",
    "wss://relay.example.com/<b>x</b>, BAD_CHARACTER",
    "'wss://relay.example.com/a\"b', BAD_CHARACTER",
    "wss://relay.example.com/a{b}, BAD_CHARACTER",
    "wss://relay.example.com/a%zz, BAD_CHARACTER",
    "wss://relay.example.com/a%4, BAD_CHARACTER",
    "wss://relay..example.com, BAD_HOST",
    "wss://rel%61y.example.com, BAD_HOST",
    "wss://relay.example.com:443:443, BAD_HOST",
    "wss://::1, BAD_HOST",
    "wss://[::1, BAD_HOST",
    "wss://[::1]x, BAD_HOST",
    "wss://[fe80::1%25eth0], BAD_HOST",
    "wss://[zz::1], BAD_HOST",
    "ws://127.1, BAD_HOST",
    "ws://2130706433, BAD_HOST",
    "ws://0x7f.0.0.1, BAD_HOST",
    "ws://0177.0.0.1, BAD_HOST",
    "ws://127.000.000.001, BAD_HOST",
    "ws://256.0.0.1, BAD_HOST",
    "ws://example.123, BAD_HOST",
    "wss://relay.example.com/a b, BAD_CHARACTER",
    "wss://relay.example.com/\u00e9, BAD_CHARACTER",
    "wss://relay.exa\tmple.com, BAD_CHARACTER",
  })
  void refuses(String input, UrlRefusal expected) {
    assertThat(refusal(input)).isEqualTo(expected);
  }

  @Test
  void refusesOverLongUrls() {
    String path = "/" + "a".repeat(RelayUrl.MAX_LENGTH);
    assertThat(refusal("wss://relay.example.com" + path)).isEqualTo(UrlRefusal.TOO_LONG);
    String fits = "wss://relay.example.com/" + "a".repeat(RelayUrl.MAX_LENGTH - "wss://relay.example.com/".length());
    assertThat(fits).hasSize(RelayUrl.MAX_LENGTH);
    assertThat(RelayUrl.parse(fits).url()).isPresent();
  }

  @Test
  void refusedInputIsSafeToLog() {
    RelayUrl.Result r = RelayUrl.parse("wss://x\n" + "y".repeat(1000));
    RelayUrl.Result.Refused refused = (RelayUrl.Result.Refused) r;
    assertThat(refused.input()).doesNotContain("\n").hasSizeLessThan(130);
    assertThat(refused.describe()).contains("longer than 512");
  }

  @Test
  void httpUrlForNip11() {
    assertThat(RelayUrl.parse("wss://relay.example.com/nostr").url().orElseThrow().httpUrl())
        .isEqualTo("https://relay.example.com/nostr");
    assertThat(RelayUrl.parse("ws://[::1]:7000").url().orElseThrow().httpUrl()).isEqualTo("http://[::1]:7000");
  }

  @Test
  void literalAddressesAreReadWithoutLookup() throws Exception {
    assertThat(RelayUrl.parse("ws://10.1.2.3").url().orElseThrow().literalAddress())
        .contains(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}));
    assertThat(RelayUrl.parse("ws://[::1]").url().orElseThrow().literalAddress()).isPresent();
    assertThat(RelayUrl.parse("ws://relay.example.com").url().orElseThrow().literalAddress()).isEmpty();
  }

  @Test
  void ordersByText() {
    RelayUrl a = RelayUrl.parse("wss://a.example").url().orElseThrow();
    RelayUrl b = RelayUrl.parse("wss://b.example").url().orElseThrow();
    assertThat(a).isLessThan(b);
  }
}
