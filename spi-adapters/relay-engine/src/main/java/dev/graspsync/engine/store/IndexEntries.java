package dev.graspsync.engine.store;

import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every index key an event is filed under: written with it, deleted with it. */
final class IndexEntries {
  record Entry(Column column, byte[] key) {}

  private IndexEntries() {}

  static List<Entry> of(Event event) {
    byte[] id = IndexKeys.hexToBytes(event.id());
    byte[] pubkey = IndexKeys.hexToBytes(event.pubkey());
    long at = event.createdAt();
    List<Entry> entries = new ArrayList<>(4 + event.tags().size());
    entries.add(new Entry(Column.BY_TIME, IndexKeys.indexKey(IndexKeys.timePrefix(), at, id)));
    entries.add(
        new Entry(Column.BY_KIND, IndexKeys.indexKey(IndexKeys.kindPrefix(event.kind()), at, id)));
    entries.add(
        new Entry(Column.BY_AUTHOR, IndexKeys.indexKey(IndexKeys.authorPrefix(pubkey), at, id)));
    entries.add(
        new Entry(
            Column.BY_AUTHOR_KIND,
            IndexKeys.indexKey(IndexKeys.authorKindPrefix(pubkey, event.kind()), at, id)));
    Set<String> seen = new HashSet<>();
    for (List<String> tag : event.tags()) {
      if (tag.size() >= 2 && IndexKeys.isIndexedTagName(tag.get(0))) {
        char letter = tag.get(0).charAt(0);
        if (seen.add(letter + tag.get(1))) {
          entries.add(
              new Entry(
                  Column.BY_TAG, IndexKeys.indexKey(IndexKeys.tagPrefix(letter, tag.get(1)), at, id)));
        }
      }
    }
    return entries;
  }
}
