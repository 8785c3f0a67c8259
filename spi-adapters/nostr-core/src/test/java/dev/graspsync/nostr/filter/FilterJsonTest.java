package dev.graspsync.nostr.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.nostr.event.EventFormatException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterJsonTest {
  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);

  @Test
  void readsEveryField() {
    Filter f = Filter.fromJson("{\"ids\":[\"" + A + "\"],\"authors\":[\"" + B + "\"],\"kinds\":[1617,1,1617],"
        + "\"#a\":[\"30617:x:y\"],\"#E\":[],\"since\":10,\"until\":20,\"limit\":5,\"search\":\"ignored\",\"x\":{\"y\":[1]}}");
    assertThat(f.ids()).contains(Set.of(A));
    assertThat(f.authors()).contains(Set.of(B));
    assertThat(f.kinds()).contains(Set.of(1, 1617));
    assertThat(f.tags()).containsEntry('a', Set.of("30617:x:y")).containsEntry('E', Set.of());
    assertThat(f.since()).hasValue(10);
    assertThat(f.until()).hasValue(20);
    assertThat(f.limit()).hasValue(5);
  }

  @Test
  void itsLengthIsCountedWithoutWritingItEscapesIncluded() {
    List<Filter> filters = List.of(
        Filter.builder().build(),
        Filter.builder().kinds(0).build(),
        Filter.builder().ids(List.of(B, A)).authors(List.of(A)).kinds(30617, 1, 30618).since(0).until(9_999_999_999L)
            .limit(Integer.MAX_VALUE).build(),
        Filter.builder().tag('d', List.of("q\"b\\s\nn\rr\tt\bb\ff", "\u0001\u001f", "日本", "\ud83d\ude00", "\ud83d lone", "lone \ude00"))
            .tag('e', List.of()).build(),
        Filter.builder().tag('a', List.of("30617:" + A + ":repo")).since(1_700_000_000L).limit(100).build());
    for (Filter f : filters) {
      assertThat(f.jsonLength()).as(f.toJson()).isEqualTo(f.toJson().length());
      assertThat(f.appendJson(new StringBuilder("[x,")).toString()).isEqualTo("[x," + f.toJson());
    }
  }

  @Test
  void writesCompactStableJsonThatReadsBackEqual() {
    Filter f = Filter.builder().ids(List.of(B, A)).authors(List.of(A)).kinds(30617, 1, 30618)
        .tag('d', List.of("repo\"1", "日本")).tag('a', List.of("x")).since(1).until(2).limit(3).build();
    String json = f.toJson();
    assertThat(json).isEqualTo("{\"ids\":[\"" + B + "\",\"" + A + "\"],\"authors\":[\"" + A + "\"],\"kinds\":[1,30617,30618],"
        + "\"#d\":[\"repo\\\"1\",\"日本\"],\"#a\":[\"x\"],\"since\":1,\"until\":2,\"limit\":3}");
    assertThat(Filter.fromJson(json)).isEqualTo(f);
    assertThat(Filter.builder().build().toJson()).isEqualTo("{}");
    assertThat(Filter.fromJson("{}")).isEqualTo(Filter.builder().build());
  }

  @Test
  void hugeLimitMeansNoPracticalLimit() {
    assertThat(Filter.fromJson("{\"limit\":99999999999}").limit()).hasValue(Integer.MAX_VALUE);
    assertThat(Filter.fromJson("{\"limit\":999999999999999999999999}").limit()).hasValue(Integer.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"ids":["abc"]}                        | ids[0]: must be 64 lower-case hex characters
      {"ids":["%UPPER%"]}                    | ids[0]: must be 64 lower-case hex characters
      {"authors":"%A%"}                      | authors: must be an array of 64-character lower-case hex strings, got a string
      {"authors":[1]}                        | authors[0]: must be a string, got an integer
      {"kinds":[1,"2"]}                      | kinds[1]: must be an integer between 0 and 65535, got a string
      {"kinds":[70000]}                      | kinds[0]: must be an integer between 0 and 65535, got one out of range
      {"kinds":[-1]}                         | kinds[0]: must be an integer between 0 and 65535, got one out of range
      {"kinds":[1.5]}                        | kinds[0]: must be an integer between 0 and 65535, got a floating-point number
      {"since":-5}                           | since: must not be negative
      {"until":1e30}                         | until: must be a non-negative integer, got a floating-point number
      {"until":18446744073709551616}         | until: out of range
      {"since":null}                         | since: must be a non-negative integer, got null
      {"limit":-1}                           | limit: must not be negative
      {"#ab":["x"]}                          | #ab: tag filter keys must be '#' followed by one letter
      {"#1":["x"]}                           | #1: tag filter keys must be '#' followed by one letter
      {"#":["x"]}                            | #: tag filter keys must be '#' followed by one letter
      {"#e":"x"}                             | #e: must be an array of strings, got a string
      {"#e":[1]}                             | #e[0]: must be a string, got an integer
      {"kinds":[1],"kinds":[2]}              | kinds: duplicate key
      []                                     | filter: must be a JSON object, got an array
      {"kinds":[1]                           | invalid JSON: truncated
      """)
  void refusesBadFiltersNamingTheField(String json, String reason) {
    String input = json.replace("%UPPER%", "A".repeat(64)).replace("%A%", A);
    assertThatThrownBy(() -> Filter.fromJson(input)).isInstanceOf(EventFormatException.class).hasMessageStartingWith(reason);
  }
}
