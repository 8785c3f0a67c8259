package dev.graspsync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.nostr.crypto.Keys;
import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.spi.IngestVerdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GRASP-01 through the whole pipeline, on RocksDB. */
class GraspAcceptanceTest {
  @TempDir Path dir;
  private EngineFixture relay;
  private final Keys owner = Keys.generate();
  private final Keys maintainer = Keys.generate();
  private final Keys stranger = Keys.generate();

  @BeforeEach
  void open() {
    relay = EngineFixture.open(dir, AcceptancePolicyKind.GRASP);
  }

  @AfterEach
  void close() {
    relay.close();
  }

  private Event announcement(String d, String... relays) {
    String[] relaysTag = new String[relays.length + 1];
    relaysTag[0] = "relays";
    System.arraycopy(relays, 0, relaysTag, 1, relays.length);
    return Signed.by(owner)
        .kind(30617)
        .tag("d", d)
        .tag(relaysTag)
        .tag("maintainers", maintainer.publicKeyHex())
        .sign();
  }

  private String repoRef(String d) {
    return "30617:" + owner.publicKeyHex() + ":" + d;
  }

  private static String reason(IngestVerdict verdict) {
    assertThat(verdict).isInstanceOf(IngestVerdict.Rejected.class);
    return ((IngestVerdict.Rejected) verdict).reason();
  }

  @Test
  void announcementListingThisRelayIsAcceptedAndStored() {
    Event listed = announcement("repo", "wss://elsewhere.example", "WSS://relay.test:443/");
    assertThat(relay.ingest(listed)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.queryIds(Filter.builder().kinds(30617).build())).containsExactly(listed.id());
  }

  @Test
  void announcementNotListingThisRelayIsBlocked() {
    Event elsewhere = announcement("repo", "wss://elsewhere.example");
    assertThat(reason(relay.ingest(elsewhere)))
        .isEqualTo(
            "blocked: repository announcement does not list this relay (wss://relay.test) in its"
                + " relays tag, and its author owns or maintains no repository 'repo' hosted here");
    assertThat(relay.query(Filter.builder().build())).isEmpty();
  }

  @Test
  void stateSignedByOwnerOrMaintainerOfHostedRepoIsAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    Event byOwner = Signed.by(owner).kind(30618).tag("d", "repo").tag("HEAD", "ref: refs/heads/main").sign();
    Event byMaintainer = Signed.by(maintainer).kind(30618).tag("d", "repo").sign();
    assertThat(relay.ingest(byOwner)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.ingest(byMaintainer)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void stateSignedByNonMaintainerIsRestricted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    Event byStranger = Signed.by(stranger).kind(30618).tag("d", "repo").sign();
    assertThat(reason(relay.ingest(byStranger))).startsWith("restricted: ").contains(stranger.publicKeyHex());
  }

  @Test
  void stateOfRepoNotHostedIsBlocked() {
    relay.ingest(announcement("other", "wss://relay.test"));
    Event state = Signed.by(owner).kind(30618).tag("d", "repo").sign();
    assertThat(reason(relay.ingest(state))).startsWith("blocked: ").contains("'repo'");
  }

  @Test
  void eventsTaggingHostedRepoAreAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    for (String name : List.of("a", "A", "q")) {
      Event issue = Signed.by(stranger).kind(1621).tag(name, repoRef("repo")).content(name).sign();
      assertThat(relay.ingest(issue)).as(name).isEqualTo(IngestVerdict.ACCEPTED);
    }
  }

  @Test
  void eventsTaggingRepoNotHostedAreBlocked() {
    relay.ingest(announcement("repo", "wss://elsewhere.example"));
    Event issue = Signed.by(stranger).kind(1621).tag("a", repoRef("repo")).sign();
    assertThat(reason(relay.ingest(issue)))
        .isEqualTo("blocked: event does not reference a repository or event hosted here");
  }

  @Test
  void eventsTaggingStoredEventsAreAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    Event root = Signed.by(stranger).kind(1617).tag("a", repoRef("repo")).sign();
    relay.ingest(root);
    for (String name : List.of("e", "E", "q")) {
      Event reply = Signed.by(owner).kind(1111).tag(name, root.id()).content(name).sign();
      assertThat(relay.ingest(reply)).as(name).isEqualTo(IngestVerdict.ACCEPTED);
    }
  }

  @Test
  void eventTaggingUnknownEventIsBlocked() {
    Event reply = Signed.by(owner).kind(1111).tag("e", "f".repeat(64)).sign();
    assertThat(reason(relay.ingest(reply))).startsWith("blocked: ");
  }

  @Test
  void eventThatAStoredEventTagsIsAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    Event root = Signed.by(stranger).kind(1621).tag("a", repoRef("repo")).sign();
    // a comment that references both the repo and the root arrives before the root
    Event comment =
        Signed.by(owner).kind(1111).tag("A", repoRef("repo")).tag("E", root.id()).sign();
    assertThat(relay.ingest(comment)).isEqualTo(IngestVerdict.ACCEPTED);
    Event unlinkedRoot = Signed.by(stranger).kind(1621).content("no a tag").sign();
    Event earlyStatus = Signed.by(owner).kind(1630).tag("e", unlinkedRoot.id(), "", "root").tag("a", repoRef("repo")).sign();
    assertThat(relay.ingest(earlyStatus)).isEqualTo(IngestVerdict.ACCEPTED);
    assertThat(relay.ingest(unlinkedRoot)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void maintainersAnnouncementAndTheirMaintainersStateAreStored() {
    Keys second = Keys.generate();
    Event maintainers =
        Signed.by(maintainer).kind(30617).tag("d", "repo").tag("relays", "wss://m.example")
            .tag("maintainers", second.publicKeyHex()).sign();
    assertThat(reason(relay.ingest(maintainers))).startsWith("blocked: ");
    relay.ingest(announcement("repo", "wss://relay.test"));
    assertThat(relay.ingest(maintainers)).isEqualTo(IngestVerdict.ACCEPTED);
    Event secondsState = Signed.by(second).kind(30618).tag("d", "repo").sign();
    assertThat(relay.ingest(secondsState)).isEqualTo(IngestVerdict.ACCEPTED);
    Event issueOnMaintainersCoordinate =
        Signed.by(stranger).kind(1621).tag("a", "30617:" + maintainer.publicKeyHex() + ":repo").sign();
    assertThat(relay.ingest(issueOnMaintainersCoordinate)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void addressableEventAStoredEventPointsAtIsAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    Event article = Signed.by(stranger).kind(30023).tag("d", "design").content("why").sign();
    assertThat(reason(relay.ingest(article))).startsWith("blocked: ");
    String coordinate = "30023:" + stranger.publicKeyHex() + ":design";
    relay.ingest(Signed.by(owner).kind(1621).tag("a", repoRef("repo")).tag("q", coordinate).sign());
    assertThat(relay.ingest(article)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void graspServerListIsAccepted() {
    Event list = Signed.by(stranger).kind(10317).tag("g", "wss://grasp.example").sign();
    assertThat(relay.ingest(list)).isEqualTo(IngestVerdict.ACCEPTED);
  }

  @Test
  void unrelatedEventIsBlocked() {
    Event note = Signed.by(stranger).kind(1).content("hello").sign();
    assertThat(reason(relay.ingest(note)))
        .isEqualTo("blocked: event does not reference a repository or event hosted here");
  }

  @Test
  void replySentRightBehindItsRootFromOneContextIsAccepted() {
    relay.ingest(announcement("repo", "wss://relay.test"));
    for (int i = 0; i < 20; i++) {
      Event root = Signed.by(stranger).kind(1621).tag("a", repoRef("repo")).content("issue " + i).sign();
      Event reply = Signed.by(owner).kind(1111).tag("E", root.id()).content("reply " + i).sign();
      io.vertx.core.Promise<IngestVerdict> replyVerdict = io.vertx.core.Promise.promise();
      relay.vertx.runOnContext(
          v -> {
            relay.engine.ingest(root, EngineFixture.CLIENT);
            relay.engine.ingest(reply, EngineFixture.CLIENT).onSuccess(replyVerdict::complete);
          });
      assertThat(EngineFixture.await(replyVerdict.future())).isEqualTo(IngestVerdict.ACCEPTED);
    }
  }

  @Test
  void invalidSignatureIsRefusedBeforePolicy() {
    Event good = announcement("repo", "wss://relay.test");
    String badSig = (good.sig().charAt(0) == '0' ? "1" : "0") + good.sig().substring(1);
    Event forged =
        new Event(good.id(), good.pubkey(), good.createdAt(), good.kind(), good.tags(), good.content(), badSig, good.json());
    assertThat(reason(relay.ingest(forged))).startsWith("invalid: ");
  }

  @Test
  void openPolicyAcceptsUnrelatedEvents() {
    relay.close();
    relay = EngineFixture.open(dir, AcceptancePolicyKind.OPEN);
    Event note = Signed.by(stranger).kind(1).content("hello").sign();
    assertThat(relay.ingest(note)).isEqualTo(IngestVerdict.ACCEPTED);
  }
}
