package dev.graspsync.engine.store;

import java.nio.charset.StandardCharsets;

/**
 * The store's column families. Index keys end in (inverted created_at, id) so that a forward
 * iterator walks each index newest first; see {@link IndexKeys} for the layouts.
 */
public enum Column {
  /** id → {@link StoredValue}: a small header, then the event's json exactly as received. */
  EVENTS("default"),
  /** inverted created_at + id. */
  BY_TIME("idx_time"),
  /** kind + inverted created_at + id. */
  BY_KIND("idx_kind"),
  /** pubkey + inverted created_at + id. */
  BY_AUTHOR("idx_author"),
  /** pubkey + kind + inverted created_at + id. */
  BY_AUTHOR_KIND("idx_author_kind"),
  /** tag letter + value length + value + inverted created_at + id. */
  BY_TAG("idx_tag"),
  /** kind + pubkey + d → created_at + id of the version stored for a replaceable/addressable address. */
  ADDRESSES("addresses"),
  /** NIP-09 tombstones: deleted ids per author, deleted addresses up to a created_at. */
  DELETIONS("deletions");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  byte[] familyNameBytes() {
    return familyName.getBytes(StandardCharsets.US_ASCII);
  }
}
