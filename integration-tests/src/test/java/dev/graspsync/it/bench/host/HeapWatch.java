package dev.graspsync.it.bench.host;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap occupancy right after every garbage collection, from the collectors' notifications: the
 * highest seen (young collections included, so old garbage not yet collected counts too: an
 * upper bound of the live set) and, after {@link #fullGc()}, the live set itself.
 */
final class HeapWatch {
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong lastAfterGc = new AtomicLong();

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
            lastAfterGc.set(used);
            peakAfterGc.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
    }
  }

  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** Forces a full collection and returns the heap used after it. */
  long fullGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  void resetPeak() {
    peakAfterGc.set(lastAfterGc.get());
  }
}
