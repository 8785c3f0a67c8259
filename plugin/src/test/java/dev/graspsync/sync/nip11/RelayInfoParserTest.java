package dev.graspsync.sync.nip11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayInfoParserTest {

  private static RelayInfoResult parse(String json) {
    return RelayInfoParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheFieldsSyncUses() {
    RelayInfoResult r = parse("""
        {"name":"grasp","software":"git+https://example/relay","version":"1.2.3",
         "supported_nips":[1,11,42,77],"supported_grasps":["GRASP-01","GRASP-02"],
         "limitation":{"max_message_length":524288,"max_subscriptions":50,"max_filters":100,"max_limit":500,
           "default_limit":100,"max_subid_length":64,"max_event_tags":2000,"max_content_length":65536,
           "auth_required":false,"restricted_writes":true,"payment_required":false,
           "created_at_lower_limit":1577836800,"created_at_upper_limit":4102444800},
         "fees":{"admission":[{"amount":1}]},"icon":"x"}
        """);
    assertThat(r).isInstanceOf(RelayInfoResult.Found.class);
    RelayInfo info = r.info();
    assertThat(info.name()).hasValue("grasp");
    assertThat(info.software()).hasValue("git+https://example/relay");
    assertThat(info.version()).hasValue("1.2.3");
    assertThat(info.supportedNips()).containsExactlyInAnyOrder(1, 11, 42, 77);
    assertThat(info.supportsNip(77)).isTrue();
    assertThat(info.supportedGrasps()).containsExactly("GRASP-01", "GRASP-02");
    RelayLimitation l = info.limitation();
    assertThat(l.maxMessageLength()).hasValue(524288);
    assertThat(l.maxSubscriptions()).hasValue(50);
    assertThat(l.maxFilters()).hasValue(100);
    assertThat(l.maxLimit()).hasValue(500);
    assertThat(l.defaultLimit()).hasValue(100);
    assertThat(l.maxSubidLength()).hasValue(64);
    assertThat(l.maxEventTags()).hasValue(2000);
    assertThat(l.maxContentLength()).hasValue(65536);
    assertThat(l.authRequired()).hasValue(false);
    assertThat(l.restrictedWrites()).hasValue(true);
    assertThat(l.paymentRequired()).hasValue(false);
    assertThat(l.createdAtLowerLimit()).hasValue(1577836800L);
    assertThat(l.createdAtUpperLimit()).hasValue(4102444800L);
  }

  @Test
  void wrongTypesAreSkippedNotFatal() {
    RelayInfoResult r = parse("""
        {"software":42,"supported_nips":[1,"11","x",null,-3,{"a":1}],
         "limitation":{"max_limit":"250","max_subscriptions":-1,"max_filters":[20],"auth_required":"yes",
           "max_message_length":99999999999,"default_limit":1.5}}
        """);
    RelayInfo info = r.info();
    assertThat(r).isInstanceOf(RelayInfoResult.Found.class);
    assertThat(info.software()).isEmpty();
    assertThat(info.supportedNips()).containsExactlyInAnyOrder(1, 11);
    assertThat(info.limitation().maxLimit()).hasValue(250);
    assertThat(info.limitation().maxSubscriptions()).isEmpty();
    assertThat(info.limitation().maxFilters()).isEmpty();
    assertThat(info.limitation().authRequired()).isEmpty();
    assertThat(info.limitation().maxMessageLength()).isEmpty();
    assertThat(info.limitation().defaultLimit()).isEmpty();
  }

  @Test
  void anEmptyObjectIsAnEmptyDocument() {
    assertThat(parse("{}")).isEqualTo(new RelayInfoResult.Found(RelayInfo.EMPTY));
    assertThat(parse("{\"limitation\":null}").info().limitation()).isEqualTo(RelayLimitation.NONE);
    assertThat(parse("{\"limitation\":{\"max_filters\":\"20\"}}").info().limitation().maxFilters()).hasValue(20);
  }

  @Test
  void garbageIsGarbage() {
    assertThat(parse("<html>hello</html>")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("[1,2]")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("{\"name\":\"x\"")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("{} {}")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("{\"supported_nips\":[1,2")).isInstanceOf(RelayInfoResult.Garbage.class);
    assertThat(parse("nonsense").info()).isEqualTo(RelayInfo.EMPTY);
  }
}
