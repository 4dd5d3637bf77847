package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  @TempDir
  Path data;

  /** A left-over PostgreSQL is only stopped when its command line names this data directory. */
  @Test
  void aProcessServesADirectoryOnlyWhenItsCommandLineNamesIt() {
    long self = ProcessHandle.current().pid();
    String javaBinary = ProcessHandle.current().info().command().orElseThrow();

    assertThat(EmbeddedDatabase.servesDirectory(self, Path.of(javaBinary).getParent())).isTrue();
    assertThat(EmbeddedDatabase.servesDirectory(self, Path.of("/nowhere/faxserver-data/postgres"))).isFalse();
    assertThat(EmbeddedDatabase.servesDirectory(Long.MAX_VALUE, Path.of("/tmp"))).isFalse();
  }

  @Test
  void onlyThePasswordKeptInTheDataDirectoryLogsIn() throws Exception {
    Path dir = data.resolve("postgres");
    String password;
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Duration.ofSeconds(60))) {
      password = db.password();
      assertThat(Files.readString(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).trim()).isEqualTo(password);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
          data.resolve(EmbeddedDatabase.PASSWORD_FILE)))).isEqualTo("rw-------");
      assertLogins(db, password);
    }
    // The next start on the same directory: the same password, and still nothing else.
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Duration.ofSeconds(60))) {
      assertThat(db.password()).isEqualTo(password);
      assertLogins(db, password);
    }
  }

  @Test
  void aCommitIsOnDiskBeforeItIsReported() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"), 0, Duration.ofSeconds(60));
         Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USERNAME, db.password());
         var rs = c.createStatement().executeQuery("SHOW synchronous_commit")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("on");
    }
  }

  @Test
  void aDataDirectoryFromBeforePasswordsIsProtectedAtItsFirstStart() throws Exception {
    Path dir = data.resolve("postgres");
    // what earlier versions left: initdb's trust, no password file
    EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start().close();
    assertThat(Files.readString(dir.resolve("pg_hba.conf"))).contains("trust");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Duration.ofSeconds(60))) {
      assertThat(Files.readString(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).trim()).isEqualTo(db.password());
      assertThat(Files.readString(dir.resolve("pg_hba.conf"))).isEqualTo(EmbeddedDatabase.HBA);
      assertLogins(db, db.password());
    }
  }

  @Test
  void aLostPasswordFileStopsTheStartWithAClearMessage() throws Exception {
    Path dir = data.resolve("postgres");
    EmbeddedDatabase.start(dir, 0, Duration.ofSeconds(60)).close();
    Files.delete(data.resolve(EmbeddedDatabase.PASSWORD_FILE));
    assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0, Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("which is missing");
    assertThat(data.resolve(EmbeddedDatabase.PASSWORD_FILE)).doesNotExist();
  }

  private static void assertLogins(EmbeddedDatabase db, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USERNAME, password)) {
      assertThat(c.isValid(5)).isTrue();
    }
    // initdb's trust would let these in
    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USERNAME, "").close())
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USERNAME, "wrong").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
  }
}
