package dev.graspsync.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  static final String PK = "ab".repeat(32);

  private static String canonical(List<List<String>> tags, String content) {
    return new String(CanonicalJson.serialize(PK, 42, 1, tags, content), StandardCharsets.UTF_8);
  }

  @Test
  void compactArrayInNip01Order() {
    assertThat(canonical(List.of(List.of("e", "x", ""), List.of()), "hi"))
        .isEqualTo("[0,\"" + PK + "\",42,1,[[\"e\",\"x\",\"\"],[]],\"hi\"]");
  }

  @Test
  void escapesOnlyTheSevenAndWritesEverythingElseRaw() {
    assertThat(canonical(List.of(), "\n\"\\\r\t\b\f")).endsWith(",\"\\n\\\"\\\\\\r\\t\\b\\f\"]");
    // other control characters, DEL, slash, non-ASCII: verbatim UTF-8
    String raw = "\u0001\u001f\u007f/é日🎉\u2028";
    byte[] bytes = CanonicalJson.serialize(PK, 42, 1, List.of(), raw);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith(",\"" + raw + "\"]");
  }

  @Test
  void loneSurrogatesAreWrittenAsJsonStringifyDoes() {
    assertThat(canonical(List.of(), "a\ud800b")).endsWith(",\"a\\ud800b\"]");
  }

  @Test
  void idIsSha256OfTheSerialisation() throws Exception {
    byte[] ser = CanonicalJson.serialize(PK, 42, 1, List.of(List.of("t", "ü")), "x");
    String expected = Hex.encode(java.security.MessageDigest.getInstance("SHA-256").digest(ser));
    assertThat(CanonicalJson.computeId(PK, 42, 1, List.of(List.of("t", "ü")), "x")).isEqualTo(expected);
    assertThat(Hex.encode(CanonicalJson.hash(PK, 42, 1, List.of(List.of("t", "ü")), "x"))).isEqualTo(expected);
  }

  @Test
  void largeContentGrowsTheBufferAndStillHashesRight() throws Exception {
    String big = "日本".repeat(400_000);
    byte[] ser = CanonicalJson.serialize(PK, 1, 1, List.of(), big);
    assertThat(ser.length).isGreaterThan(2_400_000);
    String expected = Hex.encode(java.security.MessageDigest.getInstance("SHA-256").digest(ser));
    assertThat(CanonicalJson.computeId(PK, 1, 1, List.of(), big)).isEqualTo(expected);
    // and the thread's buffer is usable for a small event afterwards
    assertThat(canonical(List.of(), "a")).endsWith(",\"a\"]");
  }

  @Test
  void writtenEventIsValidJsonThatReadsBackToTheSameStrings() {
    String content = "ctl\u0001 quote\" nl\n lone\udc00 emoji🎉";
    String json = CanonicalJson.writeEvent("1".repeat(64), PK, 3, 1, List.of(List.of("t", "\u0002")), content, "2".repeat(128));
    Event e = Event.fromJson(json);
    assertThat(e.content()).isEqualTo(content);
    assertThat(e.tags()).containsExactly(List.of("t", "\u0002"));
    assertThat(json).contains("ctl\\u0001").contains("lone\\udc00").contains("emoji🎉");
  }
}
