package dev.paysession.mandate;

import static dev.paysession.mandate.MandateStatus.ACTIVE;
import static dev.paysession.mandate.MandateStatus.CREATED;
import static dev.paysession.mandate.MandateStatus.EXPIRED;
import static dev.paysession.mandate.MandateStatus.FAILURE;
import static dev.paysession.mandate.MandateStatus.PAUSED;
import static dev.paysession.mandate.MandateStatus.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The mandate's statuses move as Juspay's do: a final status never changes again. */
class MandateTransitionTableTest {

  @Test
  void aRegistrationEndsActiveOrFailed() {
    assertThat(MandateStateMachine.allowed(CREATED, ACTIVE)).isTrue();
    assertThat(MandateStateMachine.allowed(CREATED, FAILURE)).isTrue();
    assertThat(MandateStateMachine.allowed(CREATED, PAUSED)).isFalse();
    assertThat(MandateStateMachine.allowed(CREATED, REVOKED)).isFalse();
  }

  @Test
  void onlyAnActiveMandatePausesAndOnlyAPausedOneResumes() {
    assertThat(MandateStateMachine.allowed(ACTIVE, PAUSED)).isTrue();
    assertThat(MandateStateMachine.allowed(PAUSED, ACTIVE)).isTrue();
    assertThat(MandateStateMachine.allowed(PAUSED, PAUSED)).isFalse();
    assertThat(MandateStateMachine.allowed(ACTIVE, ACTIVE)).isFalse();
    assertThat(MandateStateMachine.allowed(ACTIVE, FAILURE)).isFalse();
  }

  @Test
  void finalStatusesNeverChange() {
    for (MandateStatus end : EnumSet.of(REVOKED, FAILURE, EXPIRED)) {
      assertThat(end.isFinal()).isTrue();
      for (MandateStatus to : MandateStatus.values()) {
        assertThat(MandateStateMachine.allowed(end, to)).as(end + " -> " + to).isFalse();
      }
    }
    assertThat(EnumSet.of(CREATED, ACTIVE, PAUSED))
        .allSatisfy(s -> assertThat(s.isFinal()).isFalse());
  }
}
