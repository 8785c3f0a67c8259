package dev.graspsync.nostr.event;

import java.util.List;

/** An unsigned event: what an author decides before signing. */
public record EventTemplate(long createdAt, int kind, List<List<String>> tags, String content) {
  public EventTemplate {
    tags = Tags.immutableCopy(tags);
  }
}
