package dev.graspsync.sync.relay;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Where an IP address points, for deciding whether a relay URL learned from a public event
 * may be dialled. IPv6 forms that embed an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96},
 * IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are
 * classified by the IPv4 address they carry, since that is where the packets end up.
 */
public enum AddressClass {
  /** Routable on the internet. */
  PUBLIC,
  /** 127.0.0.0/8, ::1, and the name {@code localhost}. */
  LOOPBACK,
  /** 10/8, 172.16/12, 192.168/16, deprecated IPv6 site-local fec0::/10, NAT64 local 64:ff9b:1::/48. */
  PRIVATE,
  /** 100.64/10, carrier-grade NAT (RFC 6598). */
  SHARED,
  /** fc00::/7 (RFC 4193). */
  UNIQUE_LOCAL,
  /** 169.254/16, fe80::/10. */
  LINK_LOCAL,
  /** 224/4, ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8 and ::, which Linux connects to the local host. */
  UNSPECIFIED,
  /** 240/4 with broadcast, 192.0.0/24, 198.18/15, documentation ranges, 2001:db8::/32. */
  RESERVED;

  public boolean isPublic() {
    return this == PUBLIC;
  }

  /** Classification of a resolved or literal address; pure, no lookup. */
  public static AddressClass of(InetAddress address) {
    byte[] a = address.getAddress();
    return address instanceof Inet4Address || a.length == 4 ? ofIpv4(a, 0) : ofIpv6(a);
  }

  private static AddressClass ofIpv4(byte[] bytes, int off) {
    int a = bytes[off] & 0xff;
    int b = bytes[off + 1] & 0xff;
    int c = bytes[off + 2] & 0xff;
    if (a == 0) {
      return UNSPECIFIED;
    }
    if (a == 127) {
      return LOOPBACK;
    }
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
      return PRIVATE;
    }
    if (a == 100 && b >= 64 && b <= 127) {
      return SHARED;
    }
    if (a == 169 && b == 254) {
      return LINK_LOCAL;
    }
    if (a >= 224 && a <= 239) {
      return MULTICAST;
    }
    if (a >= 240
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressClass ofIpv6(byte[] a) {
    if (zeros(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return ofIpv4(a, 12); // IPv4-mapped
    }
    if (zeros(a, 0, 12)) {
      if (zeros(a, 12, 15)) {
        int last = a[15] & 0xff;
        if (last == 0) {
          return UNSPECIFIED;
        }
        if (last == 1) {
          return LOOPBACK;
        }
      }
      return ofIpv4(a, 12); // IPv4-compatible (deprecated)
    }
    int first = a[0] & 0xff;
    int second = a[1] & 0xff;
    if (first == 0x00 && second == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
      if (zeros(a, 4, 12)) {
        return ofIpv4(a, 12); // NAT64 well-known prefix
      }
      if ((a[4] & 0xff) == 0x00 && (a[5] & 0xff) == 0x01) {
        return PRIVATE; // 64:ff9b:1::/48, local-use NAT64
      }
    }
    if (first == 0x20 && second == 0x02) {
      return ofIpv4(a, 2); // 6to4
    }
    if (first == 0x20 && second == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
      return RESERVED; // documentation
    }
    if ((first & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL;
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return PRIVATE; // site-local, deprecated but still routed inside some networks
    }
    if (first == 0xff) {
      return MULTICAST;
    }
    return PUBLIC;
  }

  private static boolean zeros(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
