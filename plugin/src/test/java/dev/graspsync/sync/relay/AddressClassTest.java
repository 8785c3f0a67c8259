package dev.graspsync.sync.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

  /** Literal text only: InetAddress.getByName does no lookup for IP literals. */
  private static AddressClass classify(String literal) throws Exception {
    return AddressClass.of(InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal));
  }

  @ParameterizedTest
  @CsvSource({
    "1.1.1.1, PUBLIC",
    "8.8.8.8, PUBLIC",
    "172.32.0.1, PUBLIC",
    "100.128.0.1, PUBLIC",
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "169.254.169.254, LINK_LOCAL",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "255.255.255.255, RESERVED",
    "240.0.0.1, RESERVED",
    "192.0.2.1, RESERVED",
    "198.18.0.1, RESERVED",
    "2606:4700::1111, PUBLIC",
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "fc00::1, UNIQUE_LOCAL",
    "fd12:3456::1, UNIQUE_LOCAL",
    "fe80::1, LINK_LOCAL",
    "febf::1, LINK_LOCAL",
    "fec0::1, PRIVATE",
    "ff02::1, MULTICAST",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:8.8.8.8, PUBLIC",
    "::127.0.0.1, LOOPBACK",
    "::10.0.0.1, PRIVATE",
    "64:ff9b::10.0.0.1, PRIVATE",
    "64:ff9b::8.8.8.8, PUBLIC",
    "64:ff9b:1::1, PRIVATE",
    "2002:7f00:1::1, LOOPBACK",
    "2002:0808:0808::1, PUBLIC",
    "2001:db8::1, RESERVED",
  })
  void classifies(String literal, AddressClass expected) throws Exception {
    assertThat(classify(literal)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0,0,0,0,0,0,0,0,0,0,255,255,192,168,0,1,PRIVATE", "0,0,0,0,0,0,0,0,0,0,255,255,1,1,1,1,PUBLIC"})
  void ipv4MappedBytesAreClassifiedByTheirIpv4(
      int b0, int b1, int b2, int b3, int b4, int b5, int b6, int b7,
      int b8, int b9, int b10, int b11, int b12, int b13, int b14, int b15, AddressClass expected) throws Exception {
    byte[] raw = {(byte) b0, (byte) b1, (byte) b2, (byte) b3, (byte) b4, (byte) b5, (byte) b6, (byte) b7,
        (byte) b8, (byte) b9, (byte) b10, (byte) b11, (byte) b12, (byte) b13, (byte) b14, (byte) b15};
    assertThat(AddressClass.of(InetAddress.getByAddress(raw))).isEqualTo(expected);
  }
}
