package dev.paysession.api;

import java.sql.SQLException;

/**
 * Runs one {@code @Transactional} method of a bean (self-invocation is intercepted in Quarkus) and
 * reports a failed commit as the database failing: the commit's outcome is not known, exactly as
 * when the connection drops while committing. The JTA exceptions a commit throws are checked ones
 * the interceptor lets through undeclared.
 */
public final class Committed {

  private Committed() {}

  /** A transaction's work, run through its bean's interceptor. */
  @FunctionalInterface
  public interface InTransaction<T> {
    T run() throws Exception;
  }

  public static <T> T committed(InTransaction<T> work) throws SQLException {
    try {
      return work.run();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("the database did not confirm the commit: " + e, "08006", e);
    }
  }
}
