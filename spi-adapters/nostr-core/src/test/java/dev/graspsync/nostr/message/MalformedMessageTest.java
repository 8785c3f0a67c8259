package dev.graspsync.nostr.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedMessageTest {
  static final String ID = "1".repeat(64);
  static final String PK = "2".repeat(64);
  static final String SIG = "3".repeat(128);
  static final String EVENT = "{\"id\":\"" + ID + "\",\"pubkey\":\"" + PK + "\",\"created_at\":1,\"kind\":1,\"tags\":[],\"content\":\"\",\"sig\":\"" + SIG + "\"}";

  static String expand(String s) {
    return s.replace("%EVENT%", EVENT).replace("%ID%", ID).replace("%LONG%", "x".repeat(65));
  }

  static String reason(Decoded<?> d) {
    assertThat(d).isInstanceOf(Decoded.Malformed.class);
    return ((Decoded.Malformed<?>) d).reason();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ``                                      | empty message
      `   `                                   | empty message
      `{}`                                    | message must be a JSON array, got an object
      `"EVENT"`                               | message must be a JSON array, got a string
      `[]`                                    | message must not be an empty array
      `[1]`                                   | message type must be a string, got an integer
      `["HELLO"]`                             | unknown message type HELLO
      `["EVENT"]`                             | EVENT: missing event
      `["EVENT",%EVENT%,1]`                   | EVENT: unexpected extra element
      `["EVENT","x"]`                         | EVENT: event must be a JSON object, got a string
      `["EVENT",{"id":1}]`                    | EVENT: invalid event: id: must be a string
      `["EVENT",%EVENT%`                      | invalid JSON: truncated
      `["EVENT",%EVENT%]]`                    | invalid JSON:
      `["EVENT",%EVENT%] x`                   | invalid JSON:
      `["EVENT",%EVENT%] []`                  | unexpected data after the message array
      `["REQ"]`                               | REQ: missing subscription id
      `["REQ","s"]`                           | REQ: at least one filter is required
      `["REQ","s",[]]`                        | REQ: filter 1 must be a JSON object, got an array
      `["REQ","",{}]`                         | REQ: subscription id must not be empty
      `["REQ","%LONG%",{}]`                   | REQ: subscription id longer than 64 characters
      `["REQ",5,{}]`                          | REQ: subscription id must be a string, got an integer
      `["COUNT","s"]`                         | COUNT: at least one filter is required
      `["CLOSE"]`                             | CLOSE: missing subscription id
      `["CLOSE","s","t"]`                     | CLOSE: unexpected extra element
      `["AUTH"]`                              | AUTH: missing event
      `["AUTH","challenge"]`                  | AUTH: event must be a JSON object, got a string
      `["NEG-OPEN","n",{}]`                   | NEG-OPEN: missing initial message
      `["NEG-OPEN","n",{},"xyz"]`             | NEG-OPEN: initial message must be a non-empty, even-length hex string
      `["NEG-OPEN","n",{},"abc"]`             | NEG-OPEN: initial message must be a non-empty, even-length hex string
      `["NEG-OPEN","n",{},"61",1]`            | NEG-OPEN: unexpected extra element
      `["NEG-MSG","n"]`                       | NEG-MSG: missing message
      `["NEG-CLOSE","n","x"]`                 | NEG-CLOSE: unexpected extra element
      """)
  void clientFramesSayWhatIsWrong(String frame, String expected) {
    assertThat(reason(MessageCodec.decodeClient(expand(frame == null ? "" : frame)))).startsWith(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `["OK","%ID%",true]`                    | OK: missing message
      `["OK","%ID%","true",""]`               | OK: accepted flag must be true or false, got a string
      `["OK","%ID%",1,""]`                    | OK: accepted flag must be true or false, got an integer
      `["OK","abc",true,""]`                  | OK: event id must be 64 lower-case hex characters
      `["OK","%ID%",true,"",""]`              | OK: unexpected extra element
      `["EOSE"]`                              | EOSE: missing subscription id
      `["EOSE","s",1]`                        | EOSE: unexpected extra element
      `["CLOSED","s"]`                        | CLOSED: missing message
      `["NOTICE"]`                            | NOTICE: missing message
      `["NOTICE","a","b"]`                    | NOTICE: unexpected extra element
      `["AUTH"]`                              | AUTH: missing challenge
      `["AUTH",{}]`                           | AUTH: challenge must be a string, got an object
      `["COUNT","c",5]`                       | COUNT: count object must be a JSON object, got an integer
      `["COUNT","c",{}]`                      | COUNT: count object has no count
      `["COUNT","c",{"count":-1}]`            | COUNT: count: must not be negative
      `["COUNT","c",{"count":1.5}]`           | COUNT: count: must be a non-negative integer, got a floating-point number
      `["EVENT","s"]`                         | EVENT: missing event
      `["EVENT",%EVENT%]`                     | EVENT: subscription id must be a string, got an object
      `["NEG-ERR","n"]`                       | NEG-ERR: missing reason
      `["NEG-MSG","n","6"]`                   | NEG-MSG: message must be a non-empty, even-length hex string
      `["REQ","s",{}]`                        | unknown message type REQ
      """)
  void relayFramesSayWhatIsWrong(String frame, String expected) {
    assertThat(reason(MessageCodec.decodeRelay(expand(frame)))).startsWith(expected);
  }

  @Test
  void badFilterKeepsTheSubscriptionIdSoTheRelayCanAnswerClosed() {
    Decoded<ClientMessage> d = MessageCodec.decodeClient("[\"REQ\",\"sub-7\",{\"kinds\":[1]},{\"authors\":[\"ABC\"]}]");
    assertThat(d).isEqualTo(new Decoded.Malformed<ClientMessage>(
        "REQ: invalid filter: authors[0]: must be 64 lower-case hex characters", Optional.of("sub-7")));
    assertThat(((Decoded.Malformed<?>) MessageCodec.decodeClient("[\"CLOSE\",\"sub-7\",1]")).subscriptionId()).contains("sub-7");
    assertThat(((Decoded.Malformed<?>) MessageCodec.decodeClient("[\"REQ\",\"sub-7\",{\"kinds\":[")).subscriptionId()).contains("sub-7");
    assertThat(((Decoded.Malformed<?>) MessageCodec.decodeClient("[\"EVENT\",{}]")).subscriptionId()).isEmpty();
  }

  @Test
  void hugeNumbersInEventsAreOutOfRangeNotOverflow() {
    String e = EVENT.replace("\"created_at\":1", "\"created_at\":18446744073709551616");
    assertThat(reason(MessageCodec.decodeClient("[\"EVENT\"," + e + "]"))).isEqualTo("EVENT: invalid event: created_at: out of range (does not fit a 64-bit integer)");
    String f = EVENT.replace("\"created_at\":1", "\"created_at\":1e30");
    assertThat(reason(MessageCodec.decodeClient("[\"EVENT\"," + f + "]"))).contains("created_at: must be a non-negative integer, got a floating-point number");
  }

  @Test
  void nestedGarbageIsRefusedWithoutBlowingTheStack() {
    String deep = "[".repeat(100_000);
    assertThat(reason(MessageCodec.decodeClient(deep))).startsWith("message type must be a string");
    String deepInFilter = "[\"REQ\",\"s\",{\"x\":" + "[".repeat(100_000) + "}]";
    assertThat(reason(MessageCodec.decodeClient(deepInFilter))).contains("nesting");
  }

  @Test
  void binaryJunkNeverThrows() {
    Random r = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      char[] junk = new char[r.nextInt(64)];
      for (int j = 0; j < junk.length; j++) {
        junk[j] = (char) r.nextInt(0x10000);
      }
      String s = new String(junk);
      assertThat(MessageCodec.decodeClient(s)).isInstanceOf(Decoded.Malformed.class);
      assertThat(MessageCodec.decodeRelay(s)).isInstanceOf(Decoded.Malformed.class);
    }
    assertThat(MessageCodec.decodeClient(null)).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void everyPrefixOfAValidFrameIsMalformedNotAnException() {
    String frame = "[\"REQ\",\"s\",{\"kinds\":[1617],\"#a\":[\"x\"],\"since\":5},{\"ids\":[\"" + ID + "\"]}]";
    for (int i = 0; i < frame.length(); i++) {
      assertThat(MessageCodec.decodeClient(frame.substring(0, i))).as(frame.substring(0, i)).isInstanceOf(Decoded.Malformed.class);
    }
    assertThat(MessageCodec.decodeClient(frame)).isInstanceOf(Decoded.Ok.class);
  }
}
