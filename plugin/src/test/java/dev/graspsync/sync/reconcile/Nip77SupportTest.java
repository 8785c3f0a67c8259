package dev.graspsync.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graspsync.sync.reconcile.Nip77Support.State;
import org.junit.jupiter.api.Test;

class Nip77SupportTest {

  @Test
  void unknownProbesAdvertisedDoesNot() {
    assertThat(Nip77Support.fromNip11(false).state()).isEqualTo(State.UNKNOWN);
    assertThat(Nip77Support.fromNip11(false).probing()).isTrue();
    assertThat(Nip77Support.fromNip11(true).state()).isEqualTo(State.ADVERTISED);
    assertThat(Nip77Support.fromNip11(true).probing()).isFalse();
    assertThat(Nip77Support.fromNip11(false).mayReconcile()).isTrue();
  }

  @Test
  void anAnswerConfirmsAndAFailureIsRememberedForTheConnection() {
    Nip77Support confirmed = Nip77Support.fromNip11(false).answered();
    assertThat(confirmed.state()).isEqualTo(State.CONFIRMED);
    assertThat(confirmed.state().label()).isEqualTo("yes");

    Nip77Support gone = confirmed.gaveUp(FallbackReason.TIMEOUT);
    assertThat(gone.mayReconcile()).isFalse();
    assertThat(gone.reason()).hasValue(FallbackReason.TIMEOUT);
    // a late answer of another reconciliation does not undo it
    assertThat(gone.answered()).isEqualTo(gone);
  }
}
