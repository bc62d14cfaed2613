package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database errors mean "unavailable, retry" (503) rather than a bug (500). */
class DatabaseUnavailableTest {

  @Test
  void unreachableShutDownStartingUpOrFullIsUnavailable() {
    for (String state :
        new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
      assertThat(ApiExceptionMappers.isConnectionFailure(new SQLException("x", state)))
          .as(state)
          .isTrue();
    }
    assertThat(ApiExceptionMappers.isConnectionFailure(new SQLTransientConnectionException("x")))
        .isTrue();
    assertThat(
            ApiExceptionMappers.isConnectionFailure(
                new SQLException("Acquisition timeout while waiting for new connection")))
        .isTrue();
  }

  @Test
  void errorsInOurOwnSqlAreNot() {
    for (String state : new String[] {"23505", "22P02", "42601", "40001", "57014", null}) {
      assertThat(ApiExceptionMappers.isConnectionFailure(new SQLException("x", state)))
          .as(String.valueOf(state))
          .isFalse();
    }
  }
}
