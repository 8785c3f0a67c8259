package dev.graspsync.sync.session;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One Vert.x for the class, a fresh owner loop per test, and test relays closed after each. */
public abstract class SessionTestBase {
  protected static Vertx vertx;
  protected OnLoop loop;
  /** Closed in this order after each test; add at 0 to close something first. */
  protected final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    OnLoop.await(vertx.close());
  }

  @BeforeEach
  void newLoop() {
    loop = new OnLoop(vertx);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  protected TestRelay relay(TestRelay.Script script) {
    TestRelay relay = TestRelay.start(vertx, script);
    toClose.add(relay);
    return relay;
  }
}
