package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdRequestsTest {

  @Test
  void oneLessThanThePageSizeOrMaxLimitSoAFullAnswerDoesNotLookCutShort() {
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.empty(), OptionalInt.empty())).isEqualTo(499);
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.of(100), OptionalInt.empty())).isEqualTo(99);
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.of(0), OptionalInt.empty())).isEqualTo(499);
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.of(1), OptionalInt.empty())).isEqualTo(1);
  }

  @Test
  void aSmallMessageLimitBoundsTheIdsByBytes() {
    // 8 KiB: (8192 - 96) / 67 = 120 ids
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.empty(), OptionalInt.of(8192))).isEqualTo(120);
    assertThat(IdRequests.idsPerRequest(500, OptionalInt.empty(), OptionalInt.of(50))).isEqualTo(1);
    int ids = IdRequests.idsPerRequest(500, OptionalInt.empty(), OptionalInt.of(8192));
    assertThat(ids * IdRequests.BYTES_PER_ID + IdRequests.REQUEST_OVERHEAD).isLessThanOrEqualTo(8192);
  }

  @Test
  void chunksKeepEveryIdOnceInOrder() {
    List<String> ids = IntStream.range(0, 1001).mapToObj(i -> "id" + i).toList();

    List<List<String>> chunks = IdRequests.chunks(ids, 499);

    assertThat(chunks).extracting(List::size).containsExactly(499, 499, 3);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ids);
    assertThat(IdRequests.chunks(List.of(), 10)).isEmpty();
    assertThatThrownBy(() -> IdRequests.chunks(ids, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
