package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/**
 * A commit whose connection dies (the primary killed under load, scale/run failover) is a database
 * outage, answered 503, not a bug: the driver's error arrives wrapped by the transaction manager.
 */
class LostCommitTest {

  @Test
  void aConnectionFailureDeepInTheCausesIsFound() {
    SQLException io =
        new SQLException("An I/O error occurred while sending to the backend", "08006");
    XAException xa = new XAException("Error trying to transactionCommit local transaction");
    xa.initCause(io);
    RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit");
    rollback.initCause(xa);
    RuntimeException undeclared = new RuntimeException("Error invoking subclass method", rollback);

    assertThat(ApiExceptionMappers.connectionFailureIn(undeclared)).containsSame(io);
  }

  @Test
  void otherFailuresAreNot() {
    RuntimeException bug =
        new RuntimeException("x", new IllegalStateException(new SQLException("dup", "23505")));
    assertThat(ApiExceptionMappers.connectionFailureIn(bug)).isEmpty();
    assertThat(ApiExceptionMappers.connectionFailureIn(new RuntimeException("no cause"))).isEmpty();
  }
}
