package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A left-over PostgreSQL is only stopped when its command line names this data directory. */
class EmbeddedDatabaseTest {

  @Test
  void aProcessServesADirectoryOnlyWhenItsCommandLineNamesIt() {
    long self = ProcessHandle.current().pid();
    String javaBinary = ProcessHandle.current().info().command().orElseThrow();

    assertThat(EmbeddedDatabase.servesDirectory(self, Path.of(javaBinary).getParent())).isTrue();
    assertThat(EmbeddedDatabase.servesDirectory(self, Path.of("/nowhere/faxserver-data/postgres"))).isFalse();
    assertThat(EmbeddedDatabase.servesDirectory(Long.MAX_VALUE, Path.of("/tmp"))).isFalse();
  }
}
