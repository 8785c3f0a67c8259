package dev.graspsync.engine.store;

import dev.graspsync.engine.policy.AcceptanceLookup;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.Nip34;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** {@link AcceptanceLookup} answered from the writer's view of the store. */
final class StoreLookup implements AcceptanceLookup {
  /**
   * A name may be announced by many owners, and the d-tag index also holds other kinds' d
   * values: bound the walk so that one state event never costs the writer a long scan.
   */
  private static final int MAX_EXAMINED_PER_NAME = 10_000;

  private static final char[] REFERENCE_LETTERS = {'e', 'E', 'q'};
  private static final char[] ADDRESS_LETTERS = {'a', 'A', 'q'};

  private final BatchView view;

  StoreLookup(BatchView view) {
    this.view = view;
  }

  @Override
  public boolean hostsRepository(String repoRef) {
    String[] parts = repoRef.split(":", 3);
    if (parts.length != 3
        || !parts[0].equals(Integer.toString(Nip34.REPO_ANNOUNCEMENT))
        || !IndexKeys.isHex(parts[1], 32)) {
      return false;
    }
    byte[] address =
        IndexKeys.addressKey(Nip34.REPO_ANNOUNCEMENT, IndexKeys.hexToBytes(parts[1]), parts[2]);
    return get(Column.ADDRESSES, address) != null;
  }

  @Override
  public List<Event> announcementsNamed(String identifier) {
    byte[] prefix = IndexKeys.tagPrefix('d', identifier);
    List<Event> found = new ArrayList<>();
    int examined = 0;
    try (RocksIterator it = view.iterator(Column.BY_TAG)) {
      for (it.seek(prefix);
          it.isValid()
              && IndexKeys.startsWith(it.key(), prefix)
              && examined++ < MAX_EXAMINED_PER_NAME;
          it.next()) {
        byte[] value = get(Column.EVENTS, IndexKeys.idOf(it.key()));
        if (value != null && StoredValue.kind(value) == Nip34.REPO_ANNOUNCEMENT) {
          found.add(StoredValue.event(value));
        }
      }
    }
    return found;
  }

  @Override
  public boolean isStored(String eventId) {
    return IndexKeys.isHex(eventId, 32)
        && get(Column.EVENTS, IndexKeys.hexToBytes(eventId)) != null;
  }

  @Override
  public boolean isReferencedByStored(String eventId) {
    return taggedByStored(REFERENCE_LETTERS, eventId);
  }

  @Override
  public boolean isAddressReferencedByStored(String address) {
    return taggedByStored(ADDRESS_LETTERS, address);
  }

  private boolean taggedByStored(char[] letters, String value) {
    for (char letter : letters) {
      if (view.hasKeyWithPrefix(Column.BY_TAG, IndexKeys.tagPrefix(letter, value))) {
        return true;
      }
    }
    return false;
  }

  private byte[] get(Column column, byte[] key) {
    try {
      return view.get(column, key);
    } catch (RocksDBException e) {
      throw new StoreFailure("reading " + column + " failed: " + e.getMessage(), e);
    }
  }
}
