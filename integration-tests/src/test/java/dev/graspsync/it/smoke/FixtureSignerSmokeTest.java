package dev.graspsync.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.it.harness.NodeScripts;
import dev.graspsync.nostr.crypto.EventVerifier;
import dev.graspsync.nostr.crypto.Verification;
import dev.graspsync.nostr.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sign.mjs (nostr-tools) produces NIP-34 fixtures that nostr-core verifies, linked as specified. */
class FixtureSignerSmokeTest {

  @Test
  void signsLinkedNip34EventsThatNostrCoreVerifies() {
    List<Event> events = NodeScripts.sign("""
        {"now": 1700000000, "events": [
          {"type": "announcement", "ref": "repo", "d": "demo", "relays": ["ws://127.0.0.1:7000"],
           "clone": ["http://127.0.0.1:7000/demo.git"], "maintainers": ["bob"]},
          {"type": "issue", "ref": "bug", "repo": "repo", "key": "bob", "subject": "ünïcode \\n\\t\\u0001"},
          {"type": "comment", "root": "bug", "at": 5},
          {"type": "status", "status": "closed", "target": "bug", "repo": "repo"},
          {"type": "raw", "kind": 1, "tags": [["q", "{{bug.id}}"]], "tamper": "sig"}
        ]}""");
    NodeScripts.FixtureKey alice = NodeScripts.keys("alice").get(0);
    Event announcement = events.get(0);
    Event issue = events.get(1);
    Event comment = events.get(2);

    assertThat(events.subList(0, 4)).allSatisfy(e -> assertThat(EventVerifier.verify(e)).isEqualTo(Verification.VALID));
    assertThat(EventVerifier.verify(events.get(4))).isEqualTo(Verification.BAD_SIGNATURE);
    assertThat(announcement.pubkey()).isEqualTo(alice.pubkeyHex());
    assertThat(announcement.tagValuesAll("relays")).containsExactly("ws://127.0.0.1:7000");
    assertThat(issue.tagValues("a")).containsExactly(announcement.address().orElseThrow());
    assertThat(comment.tagValues("E")).containsExactly(issue.id());
    assertThat(comment.tagValues("K")).containsExactly("1621");
    assertThat(comment.createdAt()).isEqualTo(1700000005L);
    assertThat(events.get(3).kind()).isEqualTo(1632);
  }

  @Test
  void aBadSpecFailsWithTheSignersMessage() {
    assertThatThrownBy(() -> NodeScripts.sign("[{\"type\": \"comment\", \"root\": \"missing\"}]"))
        .hasMessageContaining("unknown ref 'missing'");
  }
}
