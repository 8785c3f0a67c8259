package dev.graspsync.nostr.hash;

/**
 * Slot arithmetic for open-addressing tables with linear probing whose length is a power of
 * two and which are never full (nostr-core's {@code StringSet}, the plugin's compact item sets).
 */
public final class ProbeTable {
  private ProbeTable() {}

  /**
   * Where {@code o} would sit without collisions: Fibonacci hashing, taking as many of the
   * product's top bits as the table has slots for. (A fixed 16 bits once sent every member of a
   * table over 65,536 slots into its first 65,536.)
   */
  public static int home(Object o, int mask) {
    return mask == 0 ? 0 : (o.hashCode() * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
  }

  /** The slot holding {@code o}, or the empty one where it would go. */
  public static int slotOf(Object[] table, Object o) {
    int mask = table.length - 1;
    int i = home(o, mask);
    while (table[i] != null && !table[i].equals(o)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** The farthest any member sits from its home slot (for tests: probe runs stay short). */
  public static int longestProbe(Object[] table) {
    int mask = table.length - 1;
    int longest = 0;
    for (int i = 0; i < table.length; i++) {
      if (table[i] != null) {
        longest = Math.max(longest, (i - home(table[i], mask)) & mask);
      }
    }
    return longest;
  }
}
