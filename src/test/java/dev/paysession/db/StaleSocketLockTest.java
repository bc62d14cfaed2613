package dev.paysession.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix socket lock of a fixed-port PostgreSQL after a crash: removed only when stale and ours.
 */
class StaleSocketLockTest {

  @TempDir Path dir;

  /** A lock file as PostgreSQL writes it: pid, data directory, start time, port, socket dir. */
  private Path lock(long pid, Path pgData) throws IOException {
    Path lock = dir.resolve(".s.PGSQL.54321.lock");
    Files.writeString(lock, pid + "\n" + pgData + "\n1795818704\n54321\n" + dir + "\n");
    Files.writeString(dir.resolve(".s.PGSQL.54321"), "");
    return lock;
  }

  @Test
  void aLockOfOurDataDirectoryNamingAProcessThatIsNotPostgresIsRemoved() throws IOException {
    Path pgData = dir.resolve("pg");
    // This JVM: alive, and not PostgreSQL, like a pid reused after the postmaster died.
    Path lock = lock(ProcessHandle.current().pid(), pgData);
    EmbeddedDatabase.removeStaleSocketLock(lock, pgData);
    assertThat(lock).doesNotExist();
    assertThat(dir.resolve(".s.PGSQL.54321")).doesNotExist();
  }

  @Test
  void aLockOfAnotherDataDirectoryIsLeftAlone() throws IOException {
    Path lock = lock(ProcessHandle.current().pid(), dir.resolve("someone-else"));
    EmbeddedDatabase.removeStaleSocketLock(lock, dir.resolve("pg"));
    assertThat(lock).exists();
  }

  @Test
  void aLockWhosePidIsFreeIsLeftToPostgres() throws IOException {
    Path pgData = dir.resolve("pg");
    Path lock = lock(Integer.MAX_VALUE - 1, pgData);
    EmbeddedDatabase.removeStaleSocketLock(lock, pgData);
    assertThat(lock).exists();
  }
}
