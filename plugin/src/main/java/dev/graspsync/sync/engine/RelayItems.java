package dev.graspsync.sync.engine;

import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.ItemSetBuilder;
import dev.graspsync.sync.plan.ItemView;
import dev.graspsync.sync.state.RelayRecord;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each item one relay is to sync has got: targeted, pending in an INITIAL batch,
 * confirmed (history fetched, live from here on) or parked after its batch failed. Every change
 * that must survive a restart is mirrored to the state store; {@link RelayBatches} owns the
 * batches themselves.
 */
final class RelayItems {
  private static final Logger log = LoggerFactory.getLogger(RelayItems.class);

  private final String url;
  private final StateWriter state;
  private ItemSet targets = ItemSet.EMPTY;
  private final ItemSetBuilder confirmed = new ItemSetBuilder();
  /** Items of INITIAL batches not yet completed or failed. */
  private final ItemSetBuilder pending = new ItemSetBuilder();
  private ItemSet parked = ItemSet.EMPTY;

  RelayItems(String url, StateWriter state) {
    this.url = url;
    this.state = state;
  }

  /** Restores what a restart left: confirmed items, and each pending batch's items by id. */
  void restore(RelayRecord restored, BiConsumer<Long, ItemSet> pendingBatch) {
    confirmed.addAll(ItemKeys.parse(restored.confirmed()));
    restored.pending().forEach((id, items) -> {
      ItemSet set = ItemKeys.parse(items);
      if (!set.isEmpty()) {
        pendingBatch.accept(id, set);
        pending.addAll(set);
      }
    });
  }

  /**
   * New targets. Confirmed items that are no longer targets (their repository stopped listing
   * this relay here, or was deleted, or a root event was) are forgotten, in the state store too.
   *
   * @return the items forgotten, whose live filters the caller closes
   */
  ItemSet retarget(ItemSet items) {
    targets = items;
    ItemSet retired = confirmed.isEmpty() ? ItemSet.EMPTY : ItemSet.difference(confirmed, items);
    if (retired.isEmpty()) {
      return retired;
    }
    log.info("{}: {} items no longer synced from here", url, retired.size());
    confirmed.removeAll(retired);
    parked = parked.minus(retired);
    state.write(st -> st.unconfirm(url, ItemKeys.keys(retired)));
    return retired;
  }

  /** A full sync: everything again, parked items included. */
  void reset() {
    confirmed.clear();
    parked = ItemSet.EMPTY;
    state.write(st -> st.resetProgress(url));
  }

  /** Targets in no batch yet and not in {@code waiting} (chunks not batched yet), neither confirmed nor parked. */
  ItemSet newWork(ItemView waiting) {
    return targets.minus(pending, confirmed, parked, waiting);
  }

  ItemSet targets() {
    return targets;
  }

  void batched(long batchId, ItemSet chunk) {
    pending.addAll(chunk);
    state.write(st -> st.addPending(url, batchId, ItemKeys.keys(chunk)));
  }

  void completed(long batchId, ItemSet items) {
    pending.removeAll(items);
    confirmed.addAll(items);
    state.write(st -> st.confirm(url, batchId, ItemKeys.keys(items)));
  }

  /** Parked until the next daily resync. */
  void failed(long batchId, ItemSet items) {
    pending.removeAll(items);
    parked = parked.union(items);
    state.write(st -> st.dropPending(url, batchId));
  }

  /** A copy, made on each call: for catch-ups and periodic reconciliation, not for every plan. */
  ItemSet confirmed() {
    return confirmed.snapshot();
  }

  boolean hasTargets() {
    return !targets.isEmpty();
  }

  boolean anyConfirmed() {
    return !confirmed.isEmpty();
  }

  int confirmedCount() {
    return confirmed.size();
  }

  int parkedCount() {
    return parked.size();
  }
}
