package org.faxserver.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.queue.FaxQueueApplication;
import org.faxserver.router.FaxRouterApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The all-in-one mode: the embedded PostgreSQL and AMQP broker (unless configured external), the sandbox's
 * FreeSWITCH stand-in (when asked), then every service as its own Spring Boot application context in this
 * JVM — api-service (HTTP), fax-router, fax-queue, esl-gateway — so their beans and properties never mix.
 * Closing it stops everything in reverse order.
 *
 * <p>Each service gets, from weakest to strongest: its own {@code application.yml} (copied out of its jar,
 * see {@link ServiceResources}); standalone's defaults (document root under the data directory, JMX off,
 * ...), placed just below environment variables so those still win; the command line given to standalone;
 * and what standalone must decide (connections to the embedded database/broker, the sandbox's FreeSWITCH).
 */
public final class Standalone implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Standalone.class);
  static final String API_APPLICATION = "org.faxserver.api.ApiServiceApplication";
  /** NOTIFIER: notifier-service's application; started (after esl-gateway) when its classes are on the classpath. */
  static final String NOTIFIER_APPLICATION = "org.faxserver.notifier.NotifierApplication";

  private final StandaloneProperties props;
  private final Environment environment;
  private final List<String> userArgs;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final Map<String, ConfigurableApplicationContext> others = new ConcurrentHashMap<>();
  private Path dataDir;
  private Path runtimeDir;
  private EmbeddedDatabase database;
  private EmbeddedBroker broker;
  private Sandbox sandbox;
  private Sandbox.Account account;
  private String adminKey;
  private int apiPort;

  public Standalone(StandaloneProperties props, Environment environment, ApplicationArguments arguments) {
    this.props = props;
    this.environment = environment;
    this.userArgs = forwardedArgs(arguments.getSourceArgs());
  }

  /** The command line minus standalone's own options: every service gets it. */
  static List<String> forwardedArgs(String[] args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--sandbox") || a.startsWith("--faxserver.standalone.")) {
        continue;
      }
      out.add(a);
    }
    return out;
  }

  @Override
  public void afterPropertiesSet() {
    long t0 = System.nanoTime();
    try {
      start();
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
    log.info("faxserver standalone up in {} ms", (System.nanoTime() - t0) / 1_000_000);
    printWelcome();
  }

  private void start() {
    if (props.sandbox() && (props.database() != StandaloneProperties.Mode.EMBEDDED
        || props.broker() != StandaloneProperties.Mode.EMBEDDED)) {
      // The sandbox seeds a tenant and a catch-all gateway and relaxes the webhook address guard: never
      // into a real deployment's database or broker.
      throw new IllegalStateException("--sandbox needs the embedded database and broker "
          + "(faxserver.standalone.database=embedded, faxserver.standalone.broker=embedded)");
    }
    dataDir = props.resolvedDataDir();
    try {
      Files.createDirectories(dataDir);
      runtimeDir = Files.createDirectories(dataDir.resolve("runtime"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    log.info("faxserver standalone: data directory {}, database {}, broker {}{}", dataDir,
        props.database().name().toLowerCase(), props.broker().name().toLowerCase(), props.sandbox() ? ", SANDBOX" : "");
    adminKey = adminKey();
    if (props.database() == StandaloneProperties.Mode.EMBEDDED) {
      database = EmbeddedDatabase.start(dataDir.resolve("postgres"), props.embeddedDatabasePort(),
          props.embeddedDatabaseStartupWait());
      resources.add(database);
    }
    if (props.broker() == StandaloneProperties.Mode.EMBEDDED) {
      broker = EmbeddedBroker.start(dataDir.resolve("broker"), props.embeddedBrokerPort());
      resources.add(broker);
    }
    if (props.sandbox()) {
      sandbox = Sandbox.start(dataDir.resolve("sandbox"), props.sandboxFax());
      resources.add(sandbox);
    }
    startServices();
    if (sandbox != null) {
      account = Sandbox.seed("http://127.0.0.1:" + apiPort, adminKey, props, dataDir.resolve("sandbox"),
          sandbox.receipts().url());
    }
  }

  // ------------------------------------------------------------------ the services

  private void startServices() {
    Class<?> api = load(API_APPLICATION);
    if (api == null) {
      throw new IllegalStateException(API_APPLICATION + " is not on the classpath");
    }
    ConfigurableApplicationContext apiContext = run("api-service", api, true, true, List.of(
        "--faxserver.security.admin-api-key=" + adminKey));
    apiPort = ((WebServerApplicationContext) apiContext).getWebServer().getPort();
    others.put("fax-router", run("fax-router", FaxRouterApplication.class, false, false, List.of()));
    others.put("fax-queue", run("fax-queue", FaxQueueApplication.class, false, true, List.of()));
    others.put("esl-gateway", run("esl-gateway", EslGatewayApplication.class, false, false, gatewayArgs()));
    // NOTIFIER: the single place where notifier-service joins (it owns schema "notify", so Flyway runs).
    Class<?> notifier = props.notifier() == StandaloneProperties.Notifier.AUTO ? load(NOTIFIER_APPLICATION) : null;
    if (notifier != null) {
      // The sandbox's receipts go to a local receiver, which the production guard would refuse.
      List<String> notifierArgs = sandbox == null ? List.of()
          : List.of("--faxserver.notifier.webhook.refuse-private-addresses=false");
      others.put("notifier-service", run("notifier-service", notifier, false, true, notifierArgs));
    } else {
      log.info("notifier-service is not part of this build (or faxserver.standalone.notifier=off): no email/webhook notifications");
    }
  }

  private List<String> gatewayArgs() {
    List<String> a = new ArrayList<>();
    if (sandbox != null) {
      a.add("--faxserver.freeswitch.host=" + sandbox.host());
      a.add("--faxserver.freeswitch.port=" + sandbox.port());
      a.add("--faxserver.freeswitch.password=" + sandbox.password());
      a.add("--faxserver.freeswitch.reconnect-initial-delay=100ms");
      a.add("--faxserver.freeswitch.reconnect-max-delay=2s");
    }
    return a;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Standalone.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /**
   * Starts one service. Every service serves Actuator (health, probes, Prometheus) on its own
   * {@code server.port} (api-service 8080 with the API, fax-router 8081, fax-queue 8082, esl-gateway
   * 8083, notifier-service 8085); a {@code --server.port} argument is the API's, so the other services
   * keep theirs unless it asks for random ports (0).
   */
  private ConfigurableApplicationContext run(String name, Class<?> app, boolean api, boolean ownsSchema,
                                             List<String> serviceArgs) {
    long t0 = System.nanoTime();
    ServiceResources res = ServiceResources.extract(app, runtimeDir.resolve("config"));
    List<String> args = new ArrayList<>();
    args.add("--spring.config.location=" + res.configLocation());
    // One logback for all contexts: the first context's name would otherwise label every line.
    args.add("--logging.include-application-name=false");
    for (String arg : userArgs) {
      if (api || !arg.startsWith("--server.port=") || arg.equals("--server.port=0")) {
        args.add(arg);
      }
    }
    args.addAll(serviceArgs);
    args.addAll(forcedArgs());
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("faxserver.documents.root", dataDir.resolve("documents").toString());
    defaults.put("spring.flyway.locations", res.flywayLocation());
    defaults.put("spring.jmx.enabled", "false");
    // The Derby jars of the embedded broker would make Boot create an embedded JDBC DataSource in every context.
    defaults.put("spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");
    if (!ownsSchema) {
      defaults.put("spring.flyway.enabled", "false");
    }
    // notifier-service's SMTP server is optional (receipts by email only when configured): without this, an
    // absent localhost:25 would make the whole product DOWN. Set it to true once spring.mail.* is configured.
    defaults.put("management.health.mail.enabled", "false");
    // api-service's health lists the other services' health under the "services" component
    defaults.put("management.endpoint.health.show-components", "always");
    ApplicationContextInitializer<ConfigurableApplicationContext> standaloneDefaults = ctx ->
        ctx.getEnvironment().getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new MapPropertySource("standalone-defaults", defaults));
    SpringApplicationBuilder builder = new SpringApplicationBuilder(app).main(app).registerShutdownHook(false)
        .initializers(standaloneDefaults);
    QpidCompatibleDeclarables compatible = new QpidCompatibleDeclarables(broker != null);
    builder.initializers(ctx -> ctx.getBeanFactory().registerSingleton("standaloneQpidCompatibleDeclarables", compatible));
    if (api) {
      ServicesHealthContributor health = new ServicesHealthContributor(others);
      builder.initializers(ctx -> ctx.getBeanFactory().registerSingleton("services", health));
    }
    log.info("starting {}", name);
    ConfigurableApplicationContext ctx;
    try {
      ctx = builder.run(dedupe(args).toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
    }
    contexts.add(ctx);
    log.info("{} started in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
    return ctx;
  }

  /** What standalone decides for every service: connections to what it embeds. */
  private List<String> forcedArgs() {
    List<String> a = new ArrayList<>();
    if (database != null) {
      a.add("--spring.r2dbc.url=" + database.r2dbcUrl());
      a.add("--spring.r2dbc.username=" + EmbeddedDatabase.USERNAME);
      a.add("--spring.r2dbc.password=" + database.password());
      a.add("--spring.flyway.url=" + database.jdbcUrl());
      a.add("--spring.flyway.user=" + EmbeddedDatabase.USERNAME);
      a.add("--spring.flyway.password=" + database.password());
    }
    if (broker != null) {
      a.add("--spring.rabbitmq.host=127.0.0.1");
      a.add("--spring.rabbitmq.port=" + broker.port());
      a.add("--spring.rabbitmq.username=" + EmbeddedBroker.USERNAME);
      a.add("--spring.rabbitmq.password=" + broker.password());
      a.add("--spring.rabbitmq.virtual-host=/");
      // Qpid rejects x-queue-type (and every RabbitMQ-only argument).
      a.add("--faxserver.messaging.quorum-queues=false");
    }
    return a;
  }

  /** {@code --key=value} arguments, the last one for a key winning (Spring would join repeats with commas). */
  static List<String> dedupe(List<String> args) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      byKey.remove(eq < 0 ? a : a.substring(0, eq));
      byKey.put(eq < 0 ? a : a.substring(0, eq), a);
    }
    return new ArrayList<>(byKey.values());
  }

  private boolean adminKeyConfigured() {
    String configured = environment.getProperty("faxserver.security.admin-api-key");
    return configured != null && !configured.isBlank();
  }

  /** faxserver.security.admin-api-key if set, else the key kept in the data directory (made on the first start). */
  private String adminKey() {
    String configured = environment.getProperty("faxserver.security.admin-api-key");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return Secrets.stored(dataDir.resolve("admin-api-key"), 32);
  }

  private void printWelcome() {
    String base = "http://localhost:" + apiPort;
    StringBuilder b = new StringBuilder("\n\n");
    b.append("==================================================================================\n");
    b.append(" faxserver standalone").append(sandbox != null ? " -- SANDBOX MODE (no real telephone calls)" : "").append('\n');
    b.append("==================================================================================\n");
    b.append(" API          ").append(base).append("   (Swagger UI: ").append(base).append("/swagger-ui.html)\n");
    b.append(" health       ").append(base).append("/actuator/health\n");
    if (sandbox != null || !adminKeyConfigured()) {
      b.append(" admin key    ").append(adminKey).append("   (admin routes: curl -u admin:<key> ...; kept in ")
          .append(dataDir.resolve("admin-api-key")).append(")\n");
    } else {
      // A configured key is a production secret: never echo it into logs.
      b.append(" admin key    from faxserver.security.admin-api-key\n");
    }
    b.append(" data         ").append(dataDir).append('\n');
    if (account != null) {
      b.append(" FreeSWITCH   built-in stand-in, ").append(sandbox.nativeFax() ? "real spandsp T.30 fax engine"
          : "SCRIPTED faxes (libspandsp-dev missing, see the warning above)").append('\n');
      b.append(" tenant       ").append(Sandbox.TENANT).append(" (id ").append(account.tenantId()).append(")\n");
      b.append(" user         ").append(account.username()).append(" / ").append(account.password()).append('\n');
      b.append(" from number  ").append(account.fromNumber()).append('\n');
      b.append(" test number  ").append(account.testNumber()).append("   (answered by the stand-in)\n");
      b.append("\n Send a fax:\n");
      b.append("   curl -u ").append(account.username()).append(':').append(account.password())
          .append(" -F file=@").append(account.samplePdf()).append(" -F from=").append(account.fromNumber())
          .append(" -F to=").append(account.testNumber()).append(' ').append(base).append("/fax/send\n");
      b.append(" Watch it (job_id from the answer above):\n");
      b.append("   curl -u ").append(account.username()).append(':').append(account.password()).append(' ')
          .append(base).append("/fax/jobs/<job_id>\n");
      b.append(" Its receipt (the webhook a real tenant would get) lands in ")
          .append(sandbox.receipts().directory()).append('\n');
    } else {
      b.append(" FreeSWITCH   ").append(environment.getProperty("faxserver.freeswitch.host", "127.0.0.1")).append(':')
          .append(environment.getProperty("faxserver.freeswitch.port", "8021"))
          .append("   (see the health endpoint; try --sandbox for a built-in stand-in)\n");
    }
    b.append("==================================================================================\n");
    System.out.println(b);
    log.info("faxserver standalone ready on {}", base);
  }

  // ------------------------------------------------------------------ accessors (tests)

  public int apiPort() {
    return apiPort;
  }

  public String adminApiKey() {
    return adminKey;
  }

  public Path dataDirectory() {
    return dataDir;
  }

  /** The sandbox's account, or null without sandbox mode. */
  public Sandbox.Account sandboxAccount() {
    return account;
  }

  /** The HTTP (Actuator) port of a running service, e.g. "esl-gateway"; api-service's is {@link #apiPort()}. */
  public int servicePort(String name) {
    ConfigurableApplicationContext ctx = others.get(name);
    if (!(ctx instanceof WebServerApplicationContext web)) {
      throw new IllegalArgumentException("no running service " + name);
    }
    return web.getWebServer().getPort();
  }

  /** The service contexts in start order (api-service first). */
  public List<ConfigurableApplicationContext> serviceContexts() {
    return List.copyOf(contexts);
  }

  // ------------------------------------------------------------------ stopping

  @Override
  public void destroy() {
    close();
  }

  private synchronized void close() {
    for (int i = contexts.size() - 1; i >= 0; i--) {
      try {
        contexts.get(i).close();
      } catch (RuntimeException e) {
        log.warn("closing a service context", e);
      }
    }
    contexts.clear();
    others.clear();
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("closing {}", resources.get(i), e);
      }
    }
    resources.clear();
  }
}
