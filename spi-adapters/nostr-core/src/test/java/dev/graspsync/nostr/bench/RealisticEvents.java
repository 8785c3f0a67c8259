package dev.graspsync.nostr.bench;

import dev.graspsync.nostr.crypto.EventSigner;
import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.EventTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Signed events shaped like a GRASP relay's traffic: NIP-34 patches, issues, comments and
 * statuses of about 1 KB each, a little non-ASCII text and the escapes a patch carries.
 */
final class RealisticEvents {
  private RealisticEvents() {}

  static List<Event> generate(int count, long seed) {
    Random r = new Random(seed);
    List<Keys> authors = List.of(Keys.generate(), Keys.generate(), Keys.generate(), Keys.generate());
    String owner = authors.get(0).publicKeyHex();
    String repo = "30617:" + owner + ":grasp-sync";
    List<Event> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Keys keys = authors.get(r.nextInt(authors.size()));
      String rootId = hex(r, 64);
      int kind = new int[] {1617, 1621, 1111, 1630, 1}[i % 5];
      List<List<String>> tags = new ArrayList<>();
      tags.add(List.of("a", repo));
      tags.add(List.of("p", owner));
      if (kind == 1111 || kind == 1630) {
        tags.add(List.of("E", rootId, "wss://relay.example.com", owner));
        tags.add(List.of("e", rootId, "", "root"));
        tags.add(List.of("K", "1617"));
      } else {
        tags.add(List.of("t", "root"));
        tags.add(List.of("commit", hex(r, 40)));
        tags.add(List.of("r", hex(r, 40)));
      }
      tags.add(List.of("alt", "git patch: improve sync throughput"));
      out.add(EventSigner.sign(new EventTemplate(1_700_000_000L + i, kind, tags, content(r)), keys));
    }
    return out;
  }

  private static String content(Random r) {
    StringBuilder b = new StringBuilder("From 1a2b Mon Sep 17 00:00:00 2001\nSubject: [PATCH] Fix \"sync\" of café repos\n\n");
    String[] words = {"sync", "relay", "event", "négentropie", "filter", "kind", "日本", "path\\to", "tab\there", "ok"};
    while (b.length() < 420) {
      b.append(words[r.nextInt(words.length)]).append(r.nextInt(8) == 0 ? '\n' : ' ');
    }
    return b.toString();
  }

  private static String hex(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(Character.forDigit(r.nextInt(16), 16));
    }
    return b.toString();
  }
}
