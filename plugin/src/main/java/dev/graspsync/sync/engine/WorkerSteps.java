package dev.graspsync.sync.engine;

import dev.graspsync.sync.plan.ItemSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The coordinator's two steps with a relay worker: deploying it, and handing it its targets
 * once it is deployed. A seam, so tests can hold a deployment open while windows close or
 * make one relay's hand-off fail.
 */
interface WorkerSteps {
  WorkerSteps REAL = new WorkerSteps() {
    @Override
    public Future<String> deploy(Vertx vertx, RelayWorker worker) {
      return vertx.deployVerticle(worker);
    }

    @Override
    public void handTargets(RelayWorker worker, ItemSet items) {
      worker.tell(w -> w.setTargets(items));
    }
  };

  Future<String> deploy(Vertx vertx, RelayWorker worker);

  /** Only for a deployed worker: before that it has no event loop to run on. */
  void handTargets(RelayWorker worker, ItemSet items);
}
