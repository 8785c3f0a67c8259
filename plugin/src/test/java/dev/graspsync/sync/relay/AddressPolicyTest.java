package dev.graspsync.sync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
  private final AddressPolicy strict = new AddressPolicy(false);
  private final AddressPolicy permissive = new AddressPolicy(true);

  private static InetAddress ip(int a, int b, int c, int d) throws Exception {
    return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }

  private static RelayUrl url(String s) {
    return RelayUrl.parse(s).url().orElseThrow();
  }

  @Test
  void refusesPrivateAddressesByDefault() throws Exception {
    for (InetAddress a : List.of(ip(127, 0, 0, 1), ip(10, 0, 0, 1), ip(192, 168, 0, 1), ip(172, 20, 0, 1),
        ip(100, 64, 1, 1), ip(169, 254, 169, 254), ip(0, 0, 0, 0))) {
      AddressVerdict v = strict.check(a);
      assertThat(v.allowed()).as(a.toString()).isFalse();
      assertThat(((AddressVerdict.Refused) v).reason()).contains("allow-private-addresses");
    }
    assertThat(strict.check(ip(1, 1, 1, 1)).allowed()).isTrue();
  }

  @Test
  void allowPrivateAddressesLetsTestsUseLoopback() throws Exception {
    assertThat(permissive.check(ip(127, 0, 0, 1))).isEqualTo(new AddressVerdict.Allowed(AddressClass.LOOPBACK));
    assertThat(permissive.check(ip(10, 0, 0, 1)).allowed()).isTrue();
  }

  @Test
  void multicastAndReservedAreNeverDialled() throws Exception {
    assertThat(permissive.check(ip(224, 0, 0, 1)).allowed()).isFalse();
    assertThat(permissive.check(ip(255, 255, 255, 255)).allowed()).isFalse();
  }

  @Test
  void oneBadAnswerRefusesTheHost() throws Exception {
    AddressVerdict v = strict.check(List.of(ip(1, 1, 1, 1), ip(10, 0, 0, 5)));
    assertThat(v).isInstanceOf(AddressVerdict.Refused.class);
    assertThat(((AddressVerdict.Refused) v).address()).isEqualTo("10.0.0.5");
    assertThat(strict.check(List.of(ip(1, 1, 1, 1), ip(8, 8, 8, 8))).allowed()).isTrue();
    assertThat(strict.check(List.of()).allowed()).isFalse();
  }

  @Test
  void literalHostsAndLocalhostNeedNoLookup() {
    assertThat(strict.checkWithoutLookup(url("ws://127.0.0.1:7000")).orElseThrow().allowed()).isFalse();
    assertThat(strict.checkWithoutLookup(url("ws://[::1]:7000")).orElseThrow().allowed()).isFalse();
    assertThat(strict.checkWithoutLookup(url("ws://[::ffff:192.168.0.1]")).orElseThrow().allowed()).isFalse();
    assertThat(strict.checkWithoutLookup(url("ws://localhost:7000")).orElseThrow().addressClass())
        .isEqualTo(AddressClass.LOOPBACK);
    assertThat(strict.checkWithoutLookup(url("ws://relay.localhost")).orElseThrow().allowed()).isFalse();
    assertThat(strict.checkWithoutLookup(url("wss://8.8.8.8")).orElseThrow().allowed()).isTrue();
    assertThat(strict.checkWithoutLookup(url("wss://relay.example.com"))).isEmpty();
    assertThat(permissive.checkWithoutLookup(url("ws://localhost:7000")).orElseThrow().allowed()).isTrue();
  }
}
