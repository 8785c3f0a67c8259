package dev.graspsync.engine.store;

import dev.graspsync.engine.policy.AcceptancePolicy;
import dev.graspsync.engine.policy.PolicyDecision;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.event.KindClass;
import dev.graspsync.nostr.message.MachinePrefix;
import java.util.Arrays;
import java.util.Optional;
import org.rocksdb.RocksDBException;

/**
 * Applies one verified event to the writer's batch: duplicate and tombstone checks, the
 * acceptance policy, replaceable/addressable replacement and NIP-09 deletion. Everything an
 * event changes goes into the same batch, so it commits or is lost as one.
 */
final class EventAdmission {
  private final AcceptancePolicy policy;

  EventAdmission(AcceptancePolicy policy) {
    this.policy = policy;
  }

  Admission admit(Event event, BatchView view) throws RocksDBException {
    byte[] id = IndexKeys.hexToBytes(event.id());
    byte[] pubkey = IndexKeys.hexToBytes(event.pubkey());
    if (view.get(Column.EVENTS, id) != null) {
      return new Admission.Duplicate(MachinePrefix.DUPLICATE.with("already have this event"));
    }
    if (view.get(Column.DELETIONS, IndexKeys.deletedIdKey(id, pubkey)) != null) {
      return new Admission.Duplicate(
          MachinePrefix.DUPLICATE.with("this event was deleted by its author"));
    }
    PolicyDecision decision = policy.decide(event, new StoreLookup(view));
    if (decision instanceof PolicyDecision.Refuse refuse) {
      return new Admission.Refused(refuse.reason());
    }
    KindClass kindClass = event.kindClass();
    if (kindClass == KindClass.EPHEMERAL) {
      return Admission.BROADCAST;
    }
    Optional<byte[]> address = addressOf(event, pubkey);
    if (address.isPresent()) {
      Optional<Admission> older = replaceOlderVersion(event, address.get(), view);
      if (older.isPresent()) {
        return older.get();
      }
    }
    if (event.kind() == DeletionRequest.KIND) {
      applyDeletion(DeletionRequest.of(event), view);
    }
    put(event, id, address, view);
    return Admission.STORED;
  }

  /**
   * Removes the stored version the incoming event replaces; or, when the stored version (or
   * a deletion of the address) is at least as new, says why the incoming one is not stored.
   */
  private static Optional<Admission> replaceOlderVersion(Event event, byte[] address, BatchView view)
      throws RocksDBException {
    byte[] deletedUntil = view.get(Column.DELETIONS, IndexKeys.deletedAddressKey(address));
    if (deletedUntil != null && event.createdAt() <= IndexKeys.longOf(deletedUntil)) {
      return Optional.of(
          new Admission.Duplicate(
              MachinePrefix.DUPLICATE.with("this address was deleted by its author")));
    }
    byte[] version = view.get(Column.ADDRESSES, address);
    if (version == null) {
      return Optional.empty();
    }
    byte[] storedId = IndexKeys.versionId(version);
    boolean newer =
        Replacement.supersedes(
            event.createdAt(),
            event.id(),
            IndexKeys.versionCreatedAt(version),
            IndexKeys.bytesToHex(storedId));
    if (!newer) {
      return Optional.of(
          new Admission.Duplicate(MachinePrefix.DUPLICATE.with("a newer version is stored")));
    }
    remove(storedId, view);
    return Optional.empty();
  }

  private static void applyDeletion(DeletionRequest request, BatchView view)
      throws RocksDBException {
    byte[] author = IndexKeys.hexToBytes(request.author());
    for (String targetId : request.eventIds()) {
      byte[] target = IndexKeys.hexToBytes(targetId);
      byte[] stored = view.get(Column.EVENTS, target);
      if (stored != null
          && request.deletes(StoredValue.pubkeyHex(stored), StoredValue.kind(stored))) {
        remove(target, view);
      }
      // Remembered whether or not the target is here yet, so that it cannot arrive later.
      view.put(Column.DELETIONS, IndexKeys.deletedIdKey(target, author), new byte[0]);
    }
    for (DeletionRequest.Address a : request.addresses()) {
      byte[] address = IndexKeys.addressKey(a.kind(), author, a.d());
      byte[] tombstoneKey = IndexKeys.deletedAddressKey(address);
      byte[] previous = view.get(Column.DELETIONS, tombstoneKey);
      if (previous == null || IndexKeys.longOf(previous) < request.createdAt()) {
        view.put(Column.DELETIONS, tombstoneKey, IndexKeys.longValue(request.createdAt()));
      }
      byte[] version = view.get(Column.ADDRESSES, address);
      if (version != null && IndexKeys.versionCreatedAt(version) <= request.createdAt()) {
        remove(IndexKeys.versionId(version), view);
      }
    }
  }

  private static void put(Event event, byte[] id, Optional<byte[]> address, BatchView view)
      throws RocksDBException {
    view.put(Column.EVENTS, id, StoredValue.encode(event));
    for (IndexEntries.Entry entry : IndexEntries.of(event)) {
      view.put(entry.column(), entry.key(), new byte[0]);
    }
    if (address.isPresent()) {
      view.put(Column.ADDRESSES, address.get(), IndexKeys.versionValue(event.createdAt(), id));
    }
  }

  /** Deletes a stored event with every index entry, and its address entry when it is the current version. */
  private static void remove(byte[] id, BatchView view) throws RocksDBException {
    byte[] stored = view.get(Column.EVENTS, id);
    if (stored == null) {
      return;
    }
    Event event = StoredValue.event(stored);
    view.delete(Column.EVENTS, id);
    for (IndexEntries.Entry entry : IndexEntries.of(event)) {
      view.delete(entry.column(), entry.key());
    }
    Optional<byte[]> address = addressOf(event, IndexKeys.hexToBytes(event.pubkey()));
    if (address.isPresent()) {
      byte[] version = view.get(Column.ADDRESSES, address.get());
      if (version != null && Arrays.equals(IndexKeys.versionId(version), id)) {
        view.delete(Column.ADDRESSES, address.get());
      }
    }
  }

  private static Optional<byte[]> addressOf(Event event, byte[] pubkey) {
    return switch (event.kindClass()) {
      case REPLACEABLE -> Optional.of(IndexKeys.addressKey(event.kind(), pubkey, ""));
      case ADDRESSABLE -> Optional.of(IndexKeys.addressKey(event.kind(), pubkey, event.dTag()));
      default -> Optional.empty();
    };
  }
}
