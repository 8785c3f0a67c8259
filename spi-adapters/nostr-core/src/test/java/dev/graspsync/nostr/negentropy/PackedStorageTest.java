package dev.graspsync.nostr.negentropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedStorageTest {

  @Test
  void sealSortsByCreatedAtThenIdAndDropsDuplicates() {
    byte[] a = id(0x01);
    byte[] b = id(0x02);
    PackedStorage storage =
        PackedStorage.builder().add(20, a).add(10, b).add(20, a).add(10, a).add(5, b).seal();
    assertThat(storage.size()).isEqualTo(4);
    assertThat(List.of(storage.createdAt(0), storage.createdAt(1), storage.createdAt(2), storage.createdAt(3)))
        .containsExactly(5L, 10L, 10L, 20L);
    assertThat(storage.id(1)).isEqualTo(a);
    assertThat(storage.id(2)).isEqualTo(b);
  }

  @Test
  void fingerprintsMatchTheDefinitionOverAnyRange() throws Exception {
    List<RandomSets.Item> items = RandomSets.generate(7, 1000, 0, 0, true).initiator().stream()
        .sorted(Comparator.comparingLong(RandomSets.Item::createdAt)
            .thenComparing(RandomSets.Item::id, Arrays::compareUnsigned))
        .toList();
    PackedStorage storage = RandomSets.storage(items);
    Random random = new Random(3);
    for (int round = 0; round < 300; round++) {
      int begin = random.nextInt(items.size() + 1);
      int end = begin + random.nextInt(items.size() - begin + 1);
      assertThat(storage.fingerprint(begin, end)).as("[%d, %d)", begin, end).isEqualTo(naive(items.subList(begin, end)));
    }
    assertThat(storage.fingerprint(0, items.size())).isEqualTo(naive(items));
    assertThat(PackedStorage.empty().fingerprint(0, 0)).isEqualTo(naive(List.of()));
  }

  @Test
  void sumsWrapModulo2To256() throws Exception {
    byte[] max = new byte[32];
    Arrays.fill(max, (byte) 0xff);
    List<RandomSets.Item> items = List.of(new RandomSets.Item(1, max), new RandomSets.Item(2, max), new RandomSets.Item(3, id(5)));
    assertThat(RandomSets.storage(items).fingerprint(0, 3)).isEqualTo(naive(items));
  }

  @Test
  void lowerBoundFindsTheFirstItemNotBelow() {
    PackedStorage storage = PackedStorage.builder().add(10, id(1)).add(10, id(3)).add(20, id(2)).seal();
    assertThat(storage.lowerBound(0, 3, Bound.ofTimestamp(10))).isZero();
    assertThat(storage.lowerBound(0, 3, new Bound(10, new byte[] {2}))).isEqualTo(1);
    assertThat(storage.lowerBound(0, 3, Bound.ofTimestamp(11))).isEqualTo(2);
    assertThat(storage.lowerBound(0, 3, Bound.INFINITY)).isEqualTo(3);
    assertThat(storage.lowerBound(2, 3, Bound.ofTimestamp(0))).isEqualTo(2);
  }

  @Test
  void fromSortedRefusesItemsOutOfOrder() {
    byte[] ids = new byte[64];
    ids[0] = 2;
    ids[32] = 1;
    assertThatThrownBy(() -> PackedStorage.fromSorted(2, new long[] {5, 5}, ids))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PackedStorage.fromSorted(2, new long[] {5, 6}, ids).size()).isEqualTo(2);
  }

  @Test
  void builderRefusesBadItems() {
    assertThatThrownBy(() -> PackedStorage.builder().add(1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PackedStorage.builder().add(-1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PackedStorage.builder().add(1, "ABC")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMillionItemsTakeAboutFortyOneBytesEach() {
    PackedStorageBuilder builder = PackedStorage.builder(1_000_000);
    byte[] id = new byte[32];
    for (int i = 0; i < 1_000_000; i++) {
      id[0] = (byte) i;
      id[1] = (byte) (i >> 8);
      id[2] = (byte) (i >> 16);
      builder.add(i / 3, id);
    }
    assertThat(builder.seal().footprintBytes()).isLessThan(42L * 1_000_000);
  }

  /** SHA-256(sum mod 2^256 little-endian || varint(count)), first 16 bytes, with BigInteger arithmetic. */
  static byte[] naive(List<RandomSets.Item> items) throws Exception {
    BigInteger sum = BigInteger.ZERO;
    for (RandomSets.Item item : items) {
      sum = sum.add(new BigInteger(1, reversed(item.id())));
    }
    byte[] be = sum.mod(BigInteger.TWO.pow(256)).toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write(le);
    WireWriter count = new WireWriter(4);
    count.writeVarint(items.size());
    input.write(count.toByteArray());
    return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(input.toByteArray()), 16);
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  private static byte[] id(int first) {
    byte[] id = new byte[32];
    id[0] = (byte) first;
    return id;
  }
}
