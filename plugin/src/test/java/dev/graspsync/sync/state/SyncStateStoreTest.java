package dev.graspsync.sync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graspsync.sync.refused.RefusedEvent;
import dev.graspsync.sync.refused.RefusedRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class SyncStateStoreTest {
  private static final String A = "wss://a.example";
  private static final String B = "wss://b.example";

  @TempDir Path dir;

  @Test
  void confirmedAndPendingSurviveARestart() {
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.addPending(A, 1, List.of("repo:30617:aa:x", "root:ff"));
      store.addPending(A, 2, List.of("repo:30617:aa:y"));
      store.confirm(A, 1, List.of("repo:30617:aa:x", "root:ff"));
      store.heartbeat(A, 1_700_000_000L);
      store.disconnected(A, Optional.of(1_700_000_100L));
    }
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      RelayRecord a = store.loadAll().get(A);
      assertThat(a.confirmed()).containsExactlyInAnyOrder("repo:30617:aa:x", "root:ff");
      assertThat(a.pending()).containsOnlyKeys(2L);
      assertThat(a.pending().get(2L)).containsExactly("repo:30617:aa:y");
      assertThat(a.lastHeartbeat()).contains(1_700_000_000L);
      assertThat(a.disconnectedAt()).contains(1_700_000_100L);
    }
  }

  @Test
  void itemsWithAnyCharacterRoundTrip() {
    String odd = "repo:30617:aa:line\nbreak\u0000nul é";
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.addPending(A, 7, List.of(odd, "root:1"));
      store.confirm(A, 8, List.of(odd));
    }
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      RelayRecord a = store.loadAll().get(A);
      assertThat(a.pending().get(7L)).containsExactly(odd, "root:1");
      assertThat(a.confirmed()).containsExactly(odd);
    }
  }

  @Test
  void resetProgressTouchesOnlyThatRelay() {
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.confirm(A, 1, List.of("x"));
      store.addPending(A, 2, List.of("y"));
      store.confirm(B, 1, List.of("x"));
      store.heartbeat(A, 5);
      store.resetProgress(A);
      var all = store.loadAll();
      assertThat(all.get(A).confirmed()).isEmpty();
      assertThat(all.get(A).pending()).isEmpty();
      assertThat(all.get(A).lastHeartbeat()).contains(5L);
      assertThat(all.get(B).confirmed()).containsExactly("x");
    }
  }

  @Test
  void relayWhoseUrlPrefixesAnotherIsKeptApart() {
    String shortUrl = "wss://a.example";
    String longUrl = "wss://a.example/x";
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.confirm(shortUrl, 1, List.of("i"));
      store.confirm(longUrl, 1, List.of("j"));
      store.forgetRelay(shortUrl);
      var all = store.loadAll();
      assertThat(all).doesNotContainKey(shortUrl);
      assertThat(all.get(longUrl).confirmed()).isEqualTo(Set.of("j"));
    }
  }

  @Test
  void unconfirmAndDropPending() {
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.confirm(A, 1, List.of("x", "y"));
      store.addPending(A, 3, List.of("z"));
      store.unconfirm(A, List.of("x"));
      store.dropPending(A, 3);
      RelayRecord a = store.loadAll().get(A);
      assertThat(a.confirmed()).containsExactly("y");
      assertThat(a.pending()).isEmpty();
    }
  }

  @Test
  void refusesAStoreWrittenByANewerSchema() throws Exception {
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.heartbeat(A, 1);
    }
    // simulate a future version by bumping the schema number in place
    var handles = new java.util.ArrayList<org.rocksdb.ColumnFamilyHandle>();
    var descriptors = new java.util.ArrayList<org.rocksdb.ColumnFamilyDescriptor>();
    try (Options o = new Options()) {
      for (byte[] name : RocksDB.listColumnFamilies(o, dir.toString())) {
        descriptors.add(new org.rocksdb.ColumnFamilyDescriptor(name));
      }
    }
    try (org.rocksdb.DBOptions opts = new org.rocksdb.DBOptions();
        RocksDB db = RocksDB.open(opts, dir.toString(), descriptors, handles)) {
      var meta = handles.stream().filter(h -> {
        try {
          return new String(h.getName()).equals("meta");
        } catch (org.rocksdb.RocksDBException e) {
          throw new IllegalStateException(e);
        }
      }).findFirst().orElseThrow();
      db.put(meta, "schema-version".getBytes(), java.nio.ByteBuffer.allocate(4).putInt(99).array());
      handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
    }
    assertThatThrownBy(() -> SyncStateStore.open(dir))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("schema 99 is newer");
  }

  @Test
  void refusedIdsSurviveARestartUntilDeleted() {
    RefusedRecord kept = new RefusedRecord("a".repeat(64), "repo\nwith newline", 1_800_000_000L,
        Optional.of(new RefusedEvent(30618, "c".repeat(64), 1_700_000_123L)));
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.putRefused(kept);
      store.putRefused(new RefusedRecord("b".repeat(64), "other", 1_800_000_001L));
      store.deleteRefused(java.util.List.of("b".repeat(64)));
    }
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      assertThat(store.loadRefused()).containsExactly(kept);
    }
  }

  @Test
  void aRefusalWithoutItsEventIsReadBackById() {
    RefusedRecord byId = new RefusedRecord("d".repeat(64), "repo", 1_800_000_002L);
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      store.putRefused(byId);
    }
    try (SyncStateStore store = SyncStateStore.open(dir)) {
      assertThat(store.loadRefused()).containsExactly(byId);
    }
  }
}
