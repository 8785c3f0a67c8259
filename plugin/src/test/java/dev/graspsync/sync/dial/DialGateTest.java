package dev.graspsync.sync.dial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.relay.AddressPolicy;
import dev.graspsync.sync.relay.RelayUrl;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolve, check, dial the checked address: the policy at dial time, with a scripted resolver. */
class DialGateTest {
  private static final AddressPolicy STRICT = new AddressPolicy(false);
  private final ScriptedResolver dns = new ScriptedResolver();

  @Test
  void dialsTheCheckedPublicAddressAndKeepsTheName() {
    dns.answer(ip(93, 184, 216, 34));

    DialOutcome outcome = prepare("wss://relay.example.com", false);

    assertThat(outcome).isEqualTo(new DialOutcome.Ready(new DialTarget("relay.example.com", ip(93, 184, 216, 34))));
  }

  @Test
  void aNameThatRebindsToLoopbackIsRefusedAtTheNextAttempt() {
    dns.answer(ip(93, 184, 216, 34));
    dns.answer(ip(127, 0, 0, 1));

    DialOutcome first = prepare("wss://relay.example.com", false);
    DialOutcome second = prepare("wss://relay.example.com", false);

    assertThat(first).isInstanceOf(DialOutcome.Ready.class);
    assertThat(second).isInstanceOfSatisfying(DialOutcome.Failed.class, f -> {
      assertThat(f.reason()).isEqualTo(ConnectFailure.PRIVATE_ADDRESS);
      assertThat(f.detail()).contains("relay.example.com resolved to 127.0.0.1");
    });
    assertThat(dns.asked).containsExactly("relay.example.com", "relay.example.com");
  }

  @Test
  void onePrivateAddressInTheAnswerRefusesTheName() {
    dns.answer(ip(93, 184, 216, 34), ip(169, 254, 169, 254));

    assertThat(prepare("ws://relay.example.com", false))
        .isInstanceOfSatisfying(DialOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(ConnectFailure.PRIVATE_ADDRESS));
  }

  @Test
  void anUnresolvableNameIsADnsFailure() {
    dns.fail("no such host");

    assertThat(prepare("ws://gone.example.com", false)).isInstanceOfSatisfying(DialOutcome.Failed.class, f -> {
      assertThat(f.reason()).isEqualTo(ConnectFailure.DNS);
      assertThat(f.detail()).contains("gone.example.com");
    });
  }

  @Test
  void anEmptyAnswerIsADnsFailure() {
    dns.answer();

    assertThat(prepare("ws://empty.example.com", false))
        .isInstanceOfSatisfying(DialOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo(ConnectFailure.DNS));
  }

  @Test
  void literalsAndLocalhostAreDecidedWithoutAskingTheResolver() {
    assertThat(prepare("ws://10.1.2.3:7000", false)).isInstanceOf(DialOutcome.Failed.class);
    assertThat(prepare("ws://localhost:7000", false)).isInstanceOf(DialOutcome.Failed.class);
    assertThat(prepare("ws://93.184.216.34", false))
        .isEqualTo(new DialOutcome.Ready(new DialTarget("93.184.216.34", ip(93, 184, 216, 34))));
    assertThat(dns.asked).isEmpty();
  }

  @Test
  void trustedRelaysAreResolvedButNotChecked() {
    dns.answer(ip(10, 0, 0, 7));

    assertThat(prepare("ws://bootstrap.internal", true))
        .isEqualTo(new DialOutcome.Ready(new DialTarget("bootstrap.internal", ip(10, 0, 0, 7))));
  }

  @Test
  void allowPrivateAddressesLetsLoopbackThrough() {
    dns.answer(ip(127, 0, 0, 1));
    DialGate lenient = new DialGate(dns, new AddressPolicy(true));

    assertThat(lenient.prepare(url("ws://relay.lan"), false).result()).isInstanceOf(DialOutcome.Ready.class);
  }

  @Test
  void resolverTextIsMadeSafeForLogs() {
    dns.fail("evil\nFAKE LOG LINE\u001b[31m");

    assertThat(prepare("ws://relay.example.com", false))
        .isInstanceOfSatisfying(DialOutcome.Failed.class, f -> assertThat(f.detail()).doesNotContain("\n", "\u001b"));
  }

  private DialOutcome prepare(String url, boolean trusted) {
    Future<DialOutcome> f = new DialGate(dns, STRICT).prepare(url(url), trusted);
    assertThat(f.succeeded()).isTrue();
    return f.result();
  }

  private static RelayUrl url(String text) {
    return RelayUrl.parse(text).url().orElseThrow();
  }

  private static InetAddress ip(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers from a script, one answer per lookup, synchronously. */
  private static final class ScriptedResolver implements Resolver {
    private final List<Future<List<InetAddress>>> answers = new ArrayList<>();
    final List<String> asked = new ArrayList<>();

    void answer(InetAddress... addresses) {
      answers.add(Future.succeededFuture(List.of(addresses)));
    }

    void fail(String why) {
      answers.add(Future.failedFuture(new UnknownHostException(why)));
    }

    @Override
    public Future<List<InetAddress>> resolve(String host) {
      asked.add(host);
      return answers.remove(0);
    }
  }
}
