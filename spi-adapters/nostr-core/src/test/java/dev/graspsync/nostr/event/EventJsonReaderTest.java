package dev.graspsync.nostr.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonReaderTest {
  static final String ID = "1".repeat(64);
  static final String PK = "2".repeat(64);
  static final String SIG = "3".repeat(128);

  /** A well-formed event with one field's value replaced by {@code raw} JSON. */
  static String with(String field, String raw) {
    String id = field.equals("id") ? raw : "\"" + ID + "\"";
    String pk = field.equals("pubkey") ? raw : "\"" + PK + "\"";
    String ca = field.equals("created_at") ? raw : "1700000000";
    String kind = field.equals("kind") ? raw : "1";
    String tags = field.equals("tags") ? raw : "[[\"t\",\"x\"]]";
    String content = field.equals("content") ? raw : "\"hi\"";
    String sig = field.equals("sig") ? raw : "\"" + SIG + "\"";
    return "{\"id\":" + id + ",\"pubkey\":" + pk + ",\"created_at\":" + ca + ",\"kind\":" + kind
        + ",\"tags\":" + tags + ",\"content\":" + content + ",\"sig\":" + sig + "}";
  }

  @Test
  void readsEveryField() {
    Event e = Event.fromJson(with("none", ""));
    assertThat(e.id()).isEqualTo(ID);
    assertThat(e.pubkey()).isEqualTo(PK);
    assertThat(e.createdAt()).isEqualTo(1_700_000_000L);
    assertThat(e.kind()).isEqualTo(1);
    assertThat(e.tags()).containsExactly(List.of("t", "x"));
    assertThat(e.content()).isEqualTo("hi");
    assertThat(e.sig()).isEqualTo(SIG);
  }

  @Test
  void keepsTheObjectTextExactlyWhateverTheKeyOrderAndSpacing() {
    String json = "{ \"sig\" : \"" + SIG + "\",\n\t\"content\":\"caf\\u00e9 \\/ \\ud83c\\udf89\",\"tags\":[ ],"
        + "\"kind\":7,\"created_at\":0,\"pubkey\":\"" + PK + "\",\"id\":\"" + ID + "\"}";
    Event e = Event.fromJson("  " + json + " \n");
    assertThat(e.json()).isEqualTo(json);
    assertThat(e.content()).isEqualTo("café / 🎉");
  }

  @Test
  void ignoresUnknownFieldsOfAnyShape() {
    String json = with("none", "").replace("{\"id\"", "{\"seen_on\":{\"a\":[1,2,{\"b\":null}]},\"x\":1.5,\"id\"");
    assertThat(Event.fromJson(json).json()).isEqualTo(json);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      id         | "abc"                                  | id: must be 64 lower-case hex characters, got 3 characters
      id         | "%UPPER%"                              | id: must be 64 lower-case hex characters, got 64 characters with a non-hex or upper-case one
      id         | 12                                     | id: must be a string of 64 lower-case hex characters, got an integer
      pubkey     | "%NONHEX%"                             | pubkey: must be 64 lower-case hex characters
      pubkey     | null                                   | pubkey: must be a string of 64 lower-case hex characters, got null
      sig        | "%ID%"                                 | sig: must be 128 lower-case hex characters, got 64 characters
      created_at | 1.5                                    | created_at: must be a non-negative integer, got a floating-point number
      created_at | 1e30                                   | created_at: must be a non-negative integer, got a floating-point number
      created_at | 18446744073709551616                   | created_at: out of range
      created_at | 100000000000000000000000000000         | created_at: out of range
      created_at | -1                                     | created_at: must not be negative
      created_at | "1700000000"                           | created_at: must be a non-negative integer, got a string
      kind       | 65536                                  | kind: must be between 0 and 65535, got 65536
      kind       | -1                                     | kind: must be between 0 and 65535, got -1
      kind       | 9999999999                             | kind: must be between 0 and 65535, got a larger integer
      kind       | 1.0                                    | kind: must be an integer between 0 and 65535, got a floating-point number
      kind       | "1"                                    | kind: must be an integer between 0 and 65535, got a string
      tags       | {}                                     | tags: must be an array of arrays of strings, got an object
      tags       | ["t"]                                  | tags[0]: must be an array of strings, got a string
      tags       | [["t","x"],["e",1]]                    | tags[1][1]: must be a string, got an integer
      tags       | [["t",null]]                           | tags[0][1]: must be a string, got null
      tags       | [[["nested"]]]                         | tags[0][0]: must be a string, got an array
      content    | 5                                      | content: must be a string, got an integer
      content    | ["x"]                                  | content: must be a string, got an array
      """)
  void refusesBadFieldsNamingThem(String field, String raw, String reason) {
    String value = raw.replace("%UPPER%", "A".repeat(64)).replace("%NONHEX%", "g".repeat(64)).replace("%ID%", ID);
    assertThatThrownBy(() -> Event.fromJson(with(field, value)))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void refusesMissingAndDuplicateFields() {
    String noSig = with("none", "").replaceFirst(",\"sig\":\"3+\"", "");
    assertThatThrownBy(() -> Event.fromJson(noSig)).hasMessage("sig: missing field");
    String dupKind = with("none", "").replace("\"kind\":1", "\"kind\":1,\"kind\":2");
    assertThatThrownBy(() -> Event.fromJson(dupKind)).hasMessage("kind: duplicate field");
    String dupUnknown = with("none", "").replace("{", "{\"x\":1,\"x\":2,");
    assertThatThrownBy(() -> Event.fromJson(dupUnknown)).hasMessage("x: duplicate field");
  }

  @Test
  void refusesBrokenJsonWithAReason() {
    String good = with("none", "");
    assertThatThrownBy(() -> Event.fromJson(good.substring(0, good.length() / 2)))
        .isInstanceOf(EventFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Event.fromJson("")).hasMessageContaining("empty input");
    assertThatThrownBy(() -> Event.fromJson("[]")).hasMessage("event: must be a JSON object, got an array");
    assertThatThrownBy(() -> Event.fromJson(good + "{}")).hasMessageContaining("after the event object");
    assertThatThrownBy(() -> Event.fromJson(good.replace("\"hi\"", "'hi'"))).hasMessageStartingWith("invalid JSON:");
    assertThatThrownBy(() -> Event.fromJson(good.replace("\"hi\"", "\"a\u0001b\"")))
        .hasMessageStartingWith("invalid JSON:");
    assertThatThrownBy(() -> Event.fromJson("\u0000\u00ff\ufffe\u0001garbage")).isInstanceOf(EventFormatException.class);
    assertThatThrownBy(() -> Event.fromJson(null)).isInstanceOf(EventFormatException.class);
  }

  @Test
  void deepNestingInAnUnknownFieldIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String json = with("none", "").replace("{", "{\"junk\":" + deep + ",");
    assertThatThrownBy(() -> Event.fromJson(json)).isInstanceOf(EventFormatException.class).hasMessageContaining("nesting");
  }
}
