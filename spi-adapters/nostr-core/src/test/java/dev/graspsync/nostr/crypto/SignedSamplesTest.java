package dev.graspsync.nostr.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.NostrToolsVectors.Vector;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-signs every vector's content with nostr-core. Our verifier accepts the results, they parse
 * back to equal events, and they are left in {@code target/signed-by-nostr-core.jsonl} so that
 * {@code node src/test/vectors/verify-ours.mjs target/signed-by-nostr-core.jsonl} can check them
 * with nostr-tools (run by hand; the build never runs npm).
 */
class SignedSamplesTest {
  @Test
  void everyVectorShapeSignedByUsVerifiesAndRoundTrips() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Vector v : NostrToolsVectors.all()) {
      if (v.nip01Divergent()) {
        continue;
      }
      Event theirs = Event.fromJson(v.json());
      Event ours = EventSigner.sign(
          new EventTemplate(theirs.createdAt(), theirs.kind(), theirs.tags(), theirs.content()),
          Keys.fromSecretHex(v.secretKey()));
      assertThat(ours.id()).as(v.name()).isEqualTo(theirs.id());
      assertThat(EventVerifier.verify(ours)).as(v.name()).isEqualTo(Verification.VALID);
      assertThat(Event.fromJson(ours.json())).as(v.name()).isEqualTo(ours);
      lines.add(ours.json());
    }
    Path out = Path.of("target", "signed-by-nostr-core.jsonl");
    Files.createDirectories(out.getParent());
    Files.write(out, lines, StandardCharsets.UTF_8);
  }
}
