package dev.graspsync.sync.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a session says about its connection. */
final class RecordingSessionListener implements SessionListener {
  final CompletableFuture<Disconnection> disconnected = new CompletableFuture<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  final List<String> challenges = new CopyOnWriteArrayList<>();
  final List<AuthResult> authResults = new CopyOnWriteArrayList<>();

  @Override
  public void onDisconnected(Disconnection disconnection) {
    disconnected.complete(disconnection);
  }

  @Override
  public void onNotice(String message) {
    notices.add(message);
  }

  @Override
  public void onAuthChallenge(String challenge) {
    challenges.add(challenge);
  }

  @Override
  public void onAuthResult(AuthResult result) {
    authResults.add(result);
  }
}
