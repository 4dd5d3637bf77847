package org.faxserver.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.lang.reflect.Field;
import javax.security.auth.login.AccountNotFoundException;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener.DefaultSystemLauncherListener;
import org.apache.qpid.server.model.AuthenticationProvider;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.PasswordCredentialManagingAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qpid Broker-J (AMQP 0-9-1) in this JVM, listening on 127.0.0.1 only, with a persistent store under
 * {@code <data-dir>/broker}: the broker configuration as JSON, messages in Derby, so durable queues and
 * persistent messages survive a restart. Qpid rejects RabbitMQ-only queue arguments (x-queue-type,
 * x-dead-letter-exchange, ...): the services declare none unless {@code faxserver.messaging.quorum-queues}
 * is set, which standalone forces off with this broker.
 */
final class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
  static final String USERNAME = "faxserver";

  private final java.util.concurrent.atomic.AtomicReference<Broker<?>> started = new java.util.concurrent.atomic.AtomicReference<>();
  private final SystemLauncher launcher = new SystemLauncher(new DefaultSystemLauncherListener() {
    @Override
    public void onContainerResolve(SystemConfig<?> systemConfig) {
      started.set(systemConfig.getContainer(Broker.class));
    }
  });
  private final int port;
  /** New at every start, known only to this JVM: the broker listens on loopback, where every local user can reach it. */
  private final String password = Secrets.random(24);

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  static EmbeddedBroker start(Path dir, int requestedPort) {
    return start(dir, requestedPort, INITIAL_CONFIG);
  }

  /** @param initialConfig the broker's configuration for a new store, with {username} and {password} to fill in */
  static EmbeddedBroker start(Path dir, int requestedPort, String initialConfig) {
    long t0 = System.nanoTime();
    int port = requestedPort > 0 ? requestedPort : FreePorts.find();
    try {
      Files.createDirectories(dir);
      // config.json holds the user's password (Qpid keeps it as given), the store the messages
      Secrets.ownerOnlyDirectory(dir);
      // Derby (the message store) writes derby.log into the working directory unless told otherwise.
      if (System.getProperty("derby.stream.error.file") == null) {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toAbsolutePath().toString());
      }
      Path initial = dir.resolve("initial-config.json");
      EmbeddedBroker broker = new EmbeddedBroker(port);
      Files.writeString(initial, initialConfig.replace("{username}", USERNAME).replace("{password}", broker.password),
          StandardCharsets.UTF_8);
      Secrets.ownerOnly(initial);
      // Qpid's default for this is a classpath: URL, which cannot be opened inside the executable jar.
      Path systemProperties = dir.resolve("system.properties");
      if (!Files.exists(systemProperties)) {
        Files.writeString(systemProperties, "# system properties for the embedded broker (none needed)\n");
      }
      Map<String, String> context = new HashMap<>();
      context.put("qpid.work_dir", dir.toAbsolutePath().toString());
      context.put("qpid.amqp_port", Integer.toString(port));
      Map<String, Object> attributes = new HashMap<>();
      attributes.put(SystemConfig.TYPE, "JSON");
      attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initial.toAbsolutePath().toString());
      attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toURL().toString());
      attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
      attributes.put(SystemConfig.CONTEXT, context);
      attributes.put("storePath", dir.resolve("config.json").toAbsolutePath().toString());
      broker.launcher.startup(attributes);
      broker.removeBrokerShutdownHook();
      try {
        broker.renewPassword();
      } catch (Exception e) {
        broker.close();
        throw e;
      }
      log.info("Embedded AMQP broker (Qpid Broker-J) on 127.0.0.1:{}, store {} ({} ms)", port, dir,
          (System.nanoTime() - t0) / 1_000_000);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded AMQP broker did not start (store " + dir + "): " + e.getMessage(), e);
    }
  }

  /**
   * Qpid registers a JVM shutdown hook that stops the broker while standalone's own hook is still closing
   * the services that use it (their last publishes and acks would fail). Standalone stops the broker
   * itself, after the services, so Qpid's hook is removed.
   */
  private void removeBrokerShutdownHook() {
    Broker<?> b = started.get();
    if (b == null) {
      return;
    }
    for (Class<?> c = b.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField("_shutdownHook");
        f.setAccessible(true);
        Object hook = f.get(b);
        if (hook instanceof Thread t) {
          Runtime.getRuntime().removeShutdownHook(t);
        }
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        log.debug("cannot remove the broker's shutdown hook", e);
        return;
      }
    }
  }

  /**
   * The initial configuration is read on the first start only; afterwards the user and its password come from
   * {@code config.json}, so each start gives the user this start's password (it also replaces the well-known
   * guest/guest of data directories from before).
   */
  private void renewPassword() throws AccountNotFoundException {
    PasswordCredentialManagingAuthenticationProvider<?> users =
        (PasswordCredentialManagingAuthenticationProvider<?>) started.get()
            .getChildByName(AuthenticationProvider.class, "plain");
    if (users.getUsers().containsKey(USERNAME)) {
      users.setPassword(USERNAME, password);
    } else {
      users.createUser(USERNAME, password, Map.of());
    }
    if (users.getUsers().containsKey("guest")) {
      users.deleteUser("guest");
    }
  }

  int port() {
    return port;
  }

  String password() {
    return password;
  }

  @Override
  public void close() {
    try {
      launcher.shutdown();
    } catch (RuntimeException e) {
      log.warn("stopping the embedded broker", e);
    }
  }

  /**
   * Used on the first start only; afterwards the broker reads {@code config.json}, where the port stays the
   * expression {@code ${qpid.amqp_port}} given anew at each start.
   */
  static final String INITIAL_CONFIG = """
      {
        "name": "faxserver-embedded",
        "modelVersion": "8.0",
        "authenticationproviders": [ {
          "name": "plain",
          "type": "Plain",
          "secureOnlyMechanisms": [],
          "users": [ { "name": "{username}", "type": "managed", "password": "{password}" } ]
        } ],
        "ports": [ {
          "name": "AMQP",
          "port": "${qpid.amqp_port}",
          "bindingAddress": "127.0.0.1",
          "protocols": [ "AMQP_0_9_1" ],
          "authenticationProvider": "plain",
          "virtualhostaliases": [
            { "name": "nameAlias", "type": "nameAlias" },
            { "name": "defaultAlias", "type": "defaultAlias" }
          ]
        } ],
        "virtualhostnodes": [ {
          "name": "default",
          "type": "JSON",
          "defaultVirtualHostNode": "true",
          "virtualHostInitialConfiguration": "{\\"type\\": \\"DERBY\\"}"
        } ]
      }
      """;
}
