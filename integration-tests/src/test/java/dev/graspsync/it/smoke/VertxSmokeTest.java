package dev.graspsync.it.smoke;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the smoke tests of the harness's network parts share: one Vert.x for the test class's
 * clients and proxies, started before its first test and closed after its last. Test classes
 * run one after the other here, so the field is never shared by two classes at once.
 */
abstract class VertxSmokeTest {
  static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }
}
