package org.faxserver.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.faxserver.api.ApiServiceApplication;
import org.faxserver.document.ConversionResult;
import org.faxserver.document.DocumentSource;
import org.faxserver.document.FaxDocumentConverter;
import org.faxserver.gateway.EslGatewayApplication;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.PhoneNumber;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.queue.FaxQueueApplication;
import org.faxserver.router.FaxRouterApplication;
import org.faxserver.standalone.ServiceResources;
import org.faxserver.testkit.freeswitch.FreeSwitchStandIn;
import org.faxserver.testkit.freeswitch.StandInConfig;
import org.faxserver.testkit.freeswitch.TestFaxDocuments;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.RabbitBroker;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole send pipeline for end-to-end tests: api-service, fax-router, fax-queue and esl-gateway, each
 * its own Spring Boot application context in this JVM (fax-queue optionally as a separate process), one
 * fresh database, the real RabbitMQ, one document root shared by api-service, esl-gateway and the
 * FreeSWITCH stand-in (real spandsp T.30 engine unless scripted).
 *
 * <p><b>Isolation on the shared broker.</b> fax-queue's queues carry this run's prefix
 * ({@code faxserver.messaging.service}) and are bound with routing keys of this run
 * ({@code faxserver.queue.binding-suffix}); esl-gateway's originate queue is this run's own and bound to a
 * routing key of its own. A {@link RunForwarder} takes every {@code job.routed}, {@code attempt.*},
 * {@code delivery.finished}, {@code fax.originate} and fax-queue command from the shared exchanges and forwards
 * only this run's (ids looked up in this run's database, gateways named {@code <name>-<runId>}), so this run
 * neither stores, dials nor hears other runs' jobs, and theirs never see this run's.
 *
 * <p>What is not isolated (those services' queue names are fixed; see the report / README of system-tests):
 * fax-router's {@code fax-router.job.submitted}: a fax-router of another test running at the same moment could
 * take one of this run's submissions and reject it (the tenant is not in its database), so submissions wait
 * while that queue has a foreign consumer ({@link #awaitNoForeignRouter}); and api-service's and fax-router's
 * {@code inbound.received} queues, where this run's services take (and park or fail) other runs' received
 * faxes — harmless here (this run sends only), but it steals from other engineers' receive tests.
 *
 * <p>With {@link Options#withNotifier()} (notifier-service, GreenMail, and the receiving path) all of that is this
 * run's: fax-router's queues carry this run's prefix and binding suffix ({@code job.submitted} is forwarded too),
 * esl-gateway publishes {@code route.inbound}, {@code inbound.received} and {@code fallback.set} with keys of this
 * run, and the queues of notifier-service and api-service's inbox (bound with fixed keys; neither service has a
 * binding-suffix setting) are rebound to this run's keys — notifier-service's before its listeners start.
 */
public final class FaxSystem implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FaxSystem.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN_KEY = "e2e-admin-key-" + UUID.randomUUID();

  /** What to start and with which settings. */
  public static final class Options {
    final Map<String, String> queue = new LinkedHashMap<>();
    final Map<String, String> gateway = new LinkedHashMap<>();
    final Map<String, String> api = new LinkedHashMap<>();
    final Map<String, String> router = new LinkedHashMap<>();
    final Map<String, String> notifier = new LinkedHashMap<>();
    boolean withNotifier;
    boolean dedicatedBroker;

    /**
     * Also starts notifier-service (GreenMail as its SMTP server, {@link FaxSystem#mail()}), and isolates the
     * receiving path of this run on the shared broker: esl-gateway's outbound-socket server gets a port the
     * stand-in dials for inbound calls, {@code route.inbound}/{@code inbound.received}/{@code fallback.set} use
     * keys of this run, fax-router's queues are this run's, and notifier-service's and api-service's inbox
     * queues are bound to keys of this run (see {@link #isolateReceiving}).
     */
    public Options withNotifier() {
      withNotifier = true;
      return this;
    }

    public Options notifier(String key, Object value) {
      notifier.put(key, String.valueOf(value));
      return this;
    }

    public Options router(String key, Object value) {
      router.put(key, String.valueOf(value));
      return this;
    }
    boolean queueAsProcess;
    boolean nativeFax = true;
    boolean quietLogs = true;
    String serviceLogLevel = "INFO";

    /** Log level of org.faxserver in the services (the benchmark uses WARN). */
    public Options serviceLogLevel(String level) {
      serviceLogLevel = level;
      return this;
    }

    public Options queue(String key, Object value) {
      queue.put(key, String.valueOf(value));
      return this;
    }

    public Options gateway(String key, Object value) {
      gateway.put(key, String.valueOf(value));
      return this;
    }

    public Options api(String key, Object value) {
      api.put(key, String.valueOf(value));
      return this;
    }

    /** fax-queue in its own JVM, so it can be killed with SIGKILL. */
    public Options queueAsProcess() {
      queueAsProcess = true;
      return this;
    }

    /** Scripted faxes only: no T.30 helper needed. */
    public Options withoutNativeFax() {
      nativeFax = false;
      return this;
    }

    /**
     * For a broker no other run uses (the pipeline benchmark): fax-queue and esl-gateway are bound with the
     * product's routing keys and there is no {@link RunForwarder}, so the figures carry no harness hop. Another
     * run on the same broker at the same time would receive this run's jobs and the other way round.
     */
    public Options dedicatedBroker() {
      dedicatedBroker = true;
      return this;
    }
  }

  public static Options options() {
    return new Options();
  }

  private final Options options;
  final String runId = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final PostgresDatabase db;
  private final RabbitBroker rabbit;
  private final Path work;
  private final Path documentRoot;
  private final FreeSwitchStandIn standIn;
  private final CallWatcher calls;
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private final Map<Class<?>, ServiceResources> resources = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Connection amqp;
  private final Channel publisher;
  private final RunForwarder forwarder;
  private final Set<UUID> submittedDirectly = ConcurrentHashMap.newKeySet();
  private final FaxDocumentConverter converter = new FaxDocumentConverter();
  private final Set<String> gateways = ConcurrentHashMap.newKeySet();
  private ConfigurableApplicationContext queueContext;
  private final com.icegreen.greenmail.util.GreenMail mail;
  private final int inboundSocketPort;
  private Process queueProcess;
  private int apiPort;

  private FaxSystem(Options options) throws IOException {
    this.options = options;
    this.db = TestInfrastructure.get().newDatabase("e2e");
    this.rabbit = TestInfrastructure.get().rabbit();
    this.work = Files.createTempDirectory("faxsystem-" + runId);
    this.documentRoot = Files.createDirectories(work.resolve("documents"));
    StandInConfig sc = StandInConfig.defaults().withWorkDir(Files.createDirectories(work.resolve("remote")));
    if (options.withNotifier) {
      inboundSocketPort = freePort();
      sc = sc.withOutboundSocket(new java.net.InetSocketAddress("127.0.0.1", inboundSocketPort));
      mail = new com.icegreen.greenmail.util.GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
      mail.start();
    } else {
      inboundSocketPort = 0;
      mail = null;
    }
    this.standIn = FreeSwitchStandIn.start(options.nativeFax ? sc : sc.withoutNativeFax());
    this.calls = new CallWatcher(standIn);
    this.amqp = rabbit.newConnection();
    this.publisher = amqp.createChannel();
    publisher.confirmSelect();
    publisher.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
    publisher.exchangeDeclare(Exchanges.FAX_COMMANDS, "topic", true);
    List<String> commands = new ArrayList<>(List.of(RoutingKeys.FAX_ORIGINATE, JobCancel.TYPE,
        FallbackChange.SET_TYPE, FallbackChange.REMOVE_TYPE, org.faxserver.model.fallback.OverrideChange.SET_TYPE,
        org.faxserver.model.fallback.OverrideChange.REMOVE_TYPE));
    List<String> events = new ArrayList<>(List.of(RoutingKeys.JOB_ROUTED, RoutingKeys.ATTEMPT_PROGRESS,
        RoutingKeys.ATTEMPT_FINISHED, RoutingKeys.DELIVERY_FINISHED));
    if (options.withNotifier) {
      commands.addAll(List.of(RoutingKeys.DELIVER_WEBHOOK, RoutingKeys.DELIVER_EMAIL, RoutingKeys.DELIVERY_REDELIVER));
      events.addAll(List.of(RoutingKeys.JOB_COMPLETED, RoutingKeys.JOB_SUBMITTED));
    }
    this.forwarder = options.dedicatedBroker ? null
        : new RunForwarder(amqp, Map.of(Exchanges.FAX_COMMANDS, commands, Exchanges.FAX_EVENTS, events), runId,
            this::isMine);
  }

  /** Starts every service; the caller closes the system. */
  public static FaxSystem start(Options options) {
    FaxSystem system = null;
    try {
      system = new FaxSystem(options);
      system.startServices();
      return system;
    } catch (IOException e) {
      if (system != null) {
        system.close();
      }
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      if (system != null) {
        system.close();
      }
      throw e;
    }
  }

  private void startServices() {
    long t0 = System.nanoTime();
    Class<?> apiApp = apiApplicationClass();
    ConfigurableApplicationContext api = run(apiApp, true, apiArgs());
    apiPort = ((WebServerApplicationContext) api).getWebServer().getPort();
    if (options.withNotifier) {
      // api-service binds its inbox queue with the fixed key: rebound to this run's (esl-gateway publishes it)
      rebind(apiInboxQueue(), Exchanges.FAX_EVENTS, RoutingKeys.INBOUND_RECEIVED);
    }
    List<String> routerArgs = common(FaxRouterApplication.class);
    if (options.withNotifier) {
      routerArgs.add("--faxserver.messaging.service=" + runId + ".fax-router");
      routerArgs.add("--faxserver.messaging.binding-suffix=." + runId);
    }
    // Set here so the foreign-router check knows how many consumers this run's router has.
    options.router.putIfAbsent(ROUTER_CONSUMERS, "4");
    routerConsumers = Integer.parseInt(options.router.get(ROUTER_CONSUMERS));
    options.router.forEach((k, v) -> routerArgs.add("--" + k + "=" + v));
    run(FaxRouterApplication.class, false, routerArgs);
    if (options.queueAsProcess) {
      startQueueProcess();
    } else {
      queueContext = run(FaxQueueApplication.class, false, queueArgs());
    }
    run(EslGatewayApplication.class, false, gatewayArgs());
    if (options.withNotifier) {
      // notifier-service binds its queues with the fixed keys and has no binding suffix: its listeners start only
      // after the queues are rebound to this run's keys and purged, so it never acts on another run's commands
      // (it would call their webhooks and report their attempts)
      ConfigurableApplicationContext notifier = run(org.faxserver.notifier.NotifierApplication.class, false,
          notifierArgs());
      notifier.getBean(org.springframework.amqp.rabbit.core.RabbitAdmin.class).initialize();
      for (String key : List.of(RoutingKeys.DELIVER_WEBHOOK, RoutingKeys.DELIVER_EMAIL, RoutingKeys.DELIVERY_REDELIVER)) {
        rebind(notifierQueue(key), Exchanges.FAX_COMMANDS, key);
      }
      for (String key : List.of(RoutingKeys.JOB_ROUTED, RoutingKeys.JOB_COMPLETED, RoutingKeys.INBOUND_RECEIVED)) {
        rebind(notifierQueue(key), Exchanges.FAX_EVENTS, key);
      }
      for (String key : List.of(RoutingKeys.DELIVER_WEBHOOK, RoutingKeys.DELIVER_EMAIL, RoutingKeys.DELIVERY_REDELIVER,
          RoutingKeys.JOB_ROUTED, RoutingKeys.JOB_COMPLETED, RoutingKeys.INBOUND_RECEIVED)) {
        purge(notifierQueue(key));
      }
      notifier.getBean(org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry.class).start();
    }
    log.info("FaxSystem {} up in {} ms (api on port {})", runId, (System.nanoTime() - t0) / 1_000_000, apiPort);
  }

  static Class<?> apiApplicationClass() {
    return ApiServiceApplication.class;
  }

  private ConfigurableApplicationContext run(Class<?> app, boolean web, List<String> args) {
    List<String> all = new ArrayList<>(args);
    if (!web) {
      all.add("--spring.main.web-application-type=none");
    }
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(app).registerShutdownHook(false)
        .run(dedupe(all).toArray(String[]::new));
    contexts.add(ctx);
    return ctx;
  }

  private ServiceResources resources(Class<?> app) {
    return resources.computeIfAbsent(app, a -> ServiceResources.extract(a, work.resolve("config")));
  }

  private List<String> common(Class<?> app) {
    ServiceResources res = resources(app);
    List<String> a = new ArrayList<>();
    a.add("--spring.config.location=" + res.configLocation());
    a.add("--spring.r2dbc.url=" + db.r2dbcUrl());
    a.add("--spring.r2dbc.username=" + db.username());
    a.add("--spring.r2dbc.password=" + nullToEmpty(db.password()));
    a.add("--spring.flyway.url=" + db.jdbcUrl());
    a.add("--spring.flyway.user=" + db.username());
    a.add("--spring.flyway.password=" + nullToEmpty(db.password()));
    a.add("--spring.flyway.locations=" + res.flywayLocation());
    if (app != FaxQueueApplication.class && app != apiApplicationClass()
        && app != org.faxserver.notifier.NotifierApplication.class) {
      a.add("--spring.flyway.enabled=false"); // owns no schema
    }
    a.add("--spring.rabbitmq.host=" + rabbit.host());
    a.add("--spring.rabbitmq.port=" + rabbit.port());
    a.add("--spring.rabbitmq.username=" + rabbit.username());
    a.add("--spring.rabbitmq.password=" + rabbit.password());
    a.add("--spring.jmx.enabled=false");
    if (options.quietLogs) {
      a.add("--logging.level.root=WARN");
      a.add("--logging.level.org.faxserver=" + options.serviceLogLevel);
    }
    return a;
  }

  private List<String> apiArgs() {
    List<String> a = common(apiApplicationClass());
    a.add("--server.port=0");
    a.add("--faxserver.security.admin-api-key=" + ADMIN_KEY);
    a.add("--faxserver.documents.root=" + documentRoot);
    if (options.withNotifier) {
      a.add("--faxserver.inbox.queue=" + apiInboxQueue());
    }
    options.api.forEach((k, v) -> a.add("--" + k + "=" + v));
    return a;
  }

  private List<String> queueArgs() {
    List<String> a = common(FaxQueueApplication.class);
    a.add("--faxserver.messaging.service=" + runId + ".fax-queue");
    if (!options.dedicatedBroker) {
      // bound with <key>.<runId>: only what the RunForwarder picks out for this run (or sends straight) arrives
      a.add("--faxserver.queue.binding-suffix=" + runId);
    }
    a.add("--faxserver.faxing.retry-delay=1s");
    a.add("--faxserver.queue.scheduler.poll-interval=200ms");
    options.queue.forEach((k, v) -> a.add("--" + k + "=" + v));
    return a;
  }

  private List<String> gatewayArgs() {
    List<String> a = common(EslGatewayApplication.class);
    a.add("--faxserver.freeswitch.host=" + standIn.host());
    a.add("--faxserver.freeswitch.port=" + standIn.port());
    a.add("--faxserver.freeswitch.password=" + standIn.password());
    a.add("--faxserver.freeswitch.reconnect-initial-delay=100ms");
    a.add("--faxserver.freeswitch.reconnect-max-delay=1s");
    a.add("--faxserver.documents.root=" + documentRoot);
    a.add("--faxserver.gateway.originate-queue=" + runId + ".esl-gateway.fax.originate");
    a.add("--faxserver.gateway.originate-routing-key=" + originateRoutingKey());
    a.add("--faxserver.gateway.watchdog.interval=200ms");
    // the receiving side's outbound-socket server: a free port (8084 may be taken by another run or a product)
    a.add("--faxserver.freeswitch.inbound-socket.port=" + inboundSocketPort);
    if (options.withNotifier) {
      a.add("--faxserver.gateway.inbound.route-routing-key=" + RoutingKeys.ROUTE_INBOUND + "." + runId);
      a.add("--faxserver.gateway.inbound.received-routing-key=" + RoutingKeys.INBOUND_RECEIVED + "." + runId);
      a.add("--faxserver.gateway.inbound.fallback-routing-key=" + FallbackChange.SET_TYPE + "." + runId);
      a.add("--faxserver.gateway.inbound.linger-grace=2s");
    }
    options.gateway.forEach((k, v) -> a.add("--" + k + "=" + v));
    return a;
  }

  private List<String> notifierArgs() {
    List<String> a = common(org.faxserver.notifier.NotifierApplication.class);
    a.add("--faxserver.messaging.service=" + runId + ".notifier-service");
    a.add("--spring.rabbitmq.listener.simple.auto-startup=false"); // started once the queues are this run's
    a.add("--faxserver.documents.root=" + documentRoot);
    a.add("--spring.mail.host=127.0.0.1");
    a.add("--spring.mail.port=" + mail.getSmtp().getPort());
    a.add("--spring.mail.properties.mail.smtp.starttls.enable=false");
    a.add("--faxserver.notifier.worker.poll-interval=200ms");
    // the webhook receiver listens on 127.0.0.1: the SSRF guard would refuse it
    a.add("--faxserver.notifier.webhook.refuse-private-addresses=false");
    a.add("--faxserver.notifier.webhook.connect-timeout=2s");
    a.add("--faxserver.notifier.webhook.request-timeout=5s");
    a.add("--faxserver.notifier.worker.claim-lease=30s");
    a.add("--faxserver.notifier.directory-max-age=2s");
    options.notifier.forEach((k, v) -> a.add("--" + k + "=" + v));
    return a;
  }

  String notifierQueue(String routingKey) {
    return runId + ".notifier-service." + routingKey;
  }

  String apiInboxQueue() {
    return runId + ".api-service." + RoutingKeys.INBOUND_RECEIVED;
  }

  /** A queue a service bound with a fixed key: bound with this run's key ({@code <key>.<runId>}) instead. */
  private void rebind(String queue, String exchange, String key) {
    try (Channel ch = amqp.createChannel()) {
      ch.queueBind(queue, exchange, key + "." + runId);
      ch.queueUnbind(queue, exchange, key);
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("rebinding " + queue, e);
    }
  }

  private void purge(String queue) {
    try (Channel ch = amqp.createChannel()) {
      ch.queuePurge(queue);
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("purging " + queue, e);
    }
  }

  static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GreenMail, notifier-service's SMTP server (only with {@link Options#withNotifier}). */
  public com.icegreen.greenmail.util.GreenMail mail() {
    return mail;
  }

  private String originateRoutingKey() {
    return options.dedicatedBroker ? RoutingKeys.FAX_ORIGINATE : RoutingKeys.FAX_ORIGINATE + "." + runId;
  }

  /** {@code --key=value} arguments, the last one for a key winning (Spring would join repeats with commas). */
  static List<String> dedupe(List<String> args) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      byKey.put(eq < 0 ? a : a.substring(0, eq), a);
    }
    return new ArrayList<>(byKey.values());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  // ---------------------------------------------------------------- fax-queue as a process

  /** Starts fax-queue as its own JVM (same classpath as this one); waits until it is up. */
  public synchronized void startQueueProcess() {
    if (queueProcess != null && queueProcess.isAlive()) {
      throw new IllegalStateException("fax-queue is already running");
    }
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, FaxQueueApplication.class.getName()));
    List<String> args = new ArrayList<>(queueArgs());
    args.add("--spring.main.web-application-type=none");
    cmd.addAll(dedupe(args));
    try {
      Path logFile = work.resolve("fax-queue-" + System.currentTimeMillis() + ".log");
      queueProcess = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      await("fax-queue process started (log " + logFile + ")", Duration.ofSeconds(90), () -> {
        if (!queueProcess.isAlive()) {
          throw new IllegalStateException("fax-queue exited with " + queueProcess.exitValue() + ", see " + logFile);
        }
        try {
          return Files.readString(logFile).contains("Started FaxQueueApplication");
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop; whatever was in flight is left as it was. */
  public synchronized void killQueueProcess() {
    queueProcess.destroyForcibly();
    try {
      if (!queueProcess.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("fax-queue did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- provisioning (admin API)

  public record Tenant(long id, String name, String from, String username, String password, String apiKey) {}

  /** A tenant with one number ({@code from}) and one user with an API key. */
  public Tenant createTenant(String name, String fromE164) {
    return createTenant(name, fromE164, null);
  }

  /** A tenant whose number has this {@code notify} setting (receipts; null = none). */
  public Tenant createTenant(String name, String fromE164, String numberNotify) {
    JsonNode t = admin("POST", "/admin/tenant", Map.of("name", name + "-" + runId));
    long id = t.get("id").asLong();
    Map<String, Object> number = new LinkedHashMap<>(Map.of("tenant_id", id, "number", fromE164));
    if (numberNotify != null) {
      number.put("notify", numberNotify);
    }
    admin("POST", "/admin/number", number);
    String username = (name + "-" + runId).toLowerCase();
    String password = "pw-" + UUID.randomUUID();
    JsonNode u = admin("POST", "/admin/user", Map.of("tenant_id", id, "username", username, "password", password));
    return new Tenant(id, name, fromE164, username, password, u.get("api_key").asText());
  }

  /** A GLOBAL gateway endpoint; its FreeSWITCH gateway name is {@code <shortName>-<runId>}. */
  public String createGlobalGateway(String shortName, int priority) {
    String name = gateway(shortName);
    gateways.add(name);
    admin("POST", "/admin/endpoint", Map.of("scope", "GLOBAL", "type", "GATEWAY", "priority", priority,
        "gateway", Map.of("name", name)));
    return name;
  }

  /** Lets this run's fax-queue dial a gateway created by the test itself (see {@link #isMine}). */
  public void registerGateway(String name) {
    gateways.add(name);
  }

  /** This run's name of a gateway. */
  public String gateway(String shortName) {
    return shortName + "-" + runId;
  }

  /** Waits until fax-router has certainly seen the directory changes (outbox poll + cache drop). */
  public void settleDirectory() {
    sleep(1500);
  }

  public JsonNode admin(String method, String path, Object body) {
    HttpResponse<String> r = adminCall(method, path, body);
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    try {
      return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<String> adminCall(String method, String path, Object body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(apiUri(path)).timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + ADMIN_KEY);
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI apiUri(String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  public HttpClient http() {
    return http;
  }

  // ---------------------------------------------------------------- the tenant API

  /**
   * {@code POST /fax/send} as the tenant (Bearer API key), multipart: {@code from}, {@code to}, {@code file}.
   */
  public HttpResponse<String> sendThroughApi(Tenant tenant, String to, byte[] document, String mediaType,
      String idempotencyKey) {
    return send(sendRequest(tenant, to, document, mediaType, idempotencyKey));
  }

  /** The request {@link #sendThroughApi} sends (the benchmark sends it asynchronously). */
  public HttpRequest sendRequest(Tenant tenant, String to, byte[] document, String mediaType, String idempotencyKey) {
    String boundary = "e2e" + UUID.randomUUID();
    StringBuilder head = new StringBuilder();
    for (var f : Map.of("from", tenant.from(), "to", to).entrySet()) {
      head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f.getKey())
          .append("\"\r\n\r\n").append(f.getValue()).append("\r\n");
    }
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc\"\r\n")
        .append("Content-Type: ").append(mediaType).append("\r\n\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] t = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[h.length + document.length + t.length];
    System.arraycopy(h, 0, body, 0, h.length);
    System.arraycopy(document, 0, body, h.length, document.length);
    System.arraycopy(t, 0, body, h.length + document.length, t.length);
    HttpRequest.Builder b = HttpRequest.newBuilder(apiUri("/fax/send")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + tenant.apiKey())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return b.build();
  }

  /** {@code GET /fax/jobs/{id}} as the tenant. */
  public HttpResponse<String> jobThroughApi(Tenant tenant, String jobId) {
    return send(HttpRequest.newBuilder(apiUri("/fax/jobs/" + jobId)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + tenant.apiKey()).GET().build());
  }

  /** {@code POST /fax/jobs/{id}/cancel} as the tenant. */
  public HttpResponse<String> cancelThroughApi(Tenant tenant, String jobId) {
    return send(HttpRequest.newBuilder(apiUri("/fax/jobs/" + jobId + "/cancel")).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + tenant.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- submission as api-service does it

  /**
   * Does what api-service's send route does after its checks: converts the document to TIFF-F, stores it under
   * the shared document root and publishes {@code job.submitted}; everything downstream (router, queue, gateway,
   * stand-in) is the real thing. The T.30 tests use this (or {@link #submitTiff}) rather than
   * {@link #sendThroughApi}: see {@code SendPipelineEndToEndTest.FAX_DOCUMENT_TIFF_UNREADABLE}.
   */
  public UUID submit(Tenant tenant, String toE164, byte[] document) {
    UUID jobId = UUID.randomUUID();
    try {
      ConversionResult.Converted tiff = converter.convert(DocumentSource.of(document)).orElseThrow();
      String key = "tenant-" + tenant.id() + "/" + jobId + ".tif";
      Path file = documentRoot.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, tiff.tiff());
      submitStored(jobId, tenant, toE164, key, tiff.pages());
      return jobId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Like {@link #submit} for an upload that is already a TIFF-F: {@code pages} pages made by the testkit
   * (the reference TIFF-F the stand-in's T.30 engine is known to read), stored under the document root.
   */
  public UUID submitTiff(Tenant tenant, String toE164, int pages) {
    UUID jobId = UUID.randomUUID();
    String key = "tenant-" + tenant.id() + "/" + jobId + ".tif";
    storeTiff(key, pages);
    submitStored(jobId, tenant, toE164, key, pages);
    return jobId;
  }

  private final Map<Integer, Path> tiffs = new ConcurrentHashMap<>();

  /** Writes a testkit TIFF-F of {@code pages} pages under the document root at {@code key}. */
  public Path storeTiff(String key, int pages) {
    try {
      Path source = tiffs.computeIfAbsent(pages,
          n -> TestFaxDocuments.create(work.resolve("reference-" + n + ".tif"), n));
      Path file = documentRoot.resolve(key);
      Files.createDirectories(file.getParent());
      Files.copy(source, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes {@code job.submitted} for a TIFF already under the document root. */
  public Instant submitStored(UUID jobId, Tenant tenant, String toE164, String key, int pages) {
    JobSubmitted js = new JobSubmitted(jobId, String.valueOf(tenant.id()), tenant.username(),
        PhoneNumber.ofE164(tenant.from()), PhoneNumber.ofE164(toE164), DocumentRef.tiff(key), pages,
        JobOptions.none());
    Envelope<JobSubmitted> env = Envelope.of(JobSubmitted.TYPE, JobSubmitted.VERSION, jobId.toString(), js,
        Clock.systemUTC());
    awaitNoForeignRouter();
    submittedDirectly.add(jobId);
    Instant at = Instant.now();
    publish(Exchanges.FAX_EVENTS, RoutingKeys.JOB_SUBMITTED, env);
    return at;
  }

  /** fax-router's work queue; its name is fixed (not configurable per test, unlike fax-queue's and esl-gateway's). */
  static final String ROUTER_QUEUE = "fax-router." + RoutingKeys.JOB_SUBMITTED;
  private volatile boolean guardRouter = true;
  private static final String ROUTER_CONSUMERS = "faxserver.messaging.consumers";
  private volatile int routerConsumers = 1;

  /** The benchmark turns the per-submission check off (it checks once before it starts). */
  public void guardAgainstForeignRouters(boolean on) {
    guardRouter = on;
  }

  /**
   * Every fax-router on the shared broker consumes {@value #ROUTER_QUEUE}; a router of another test run
   * (another engineer's build) would take this run's submission and reject it (the tenant is not in its
   * database). So a submission waits while the queue has more consumers than this run's router.
   */
  public void awaitNoForeignRouter() {
    if (!guardRouter || options.withNotifier) { // with the notifier, fax-router's queues are this run's
      return;
    }
    long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    boolean logged = false;
    while (true) {
      int consumers;
      synchronized (this) {
        try {
          consumers = publisher.queueDeclarePassive(ROUTER_QUEUE).getConsumerCount();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (consumers <= routerConsumers || System.nanoTime() > end) {
        return;
      }
      if (!logged) {
        log.warn("{} has {} consumers: another fax-router is running on the broker; waiting", ROUTER_QUEUE, consumers);
        logged = true;
      }
      sleep(500);
    }
  }

  private final java.util.concurrent.atomic.AtomicLong foreignRouterSightings = new java.util.concurrent.atomic.AtomicLong();
  private volatile Thread routerWatch;

  /** Checks every {@code interval} (in the background) whether another fax-router consumes {@value #ROUTER_QUEUE}. */
  public void watchForeignRouters(Duration interval) {
    Thread t = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          int consumers;
          synchronized (this) {
            consumers = publisher.queueDeclarePassive(ROUTER_QUEUE).getConsumerCount();
          }
          if (consumers > routerConsumers) {
            foreignRouterSightings.incrementAndGet();
          }
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (IOException | RuntimeException e) {
          return;
        }
      }
    }, "e2e-router-watch");
    t.setDaemon(true);
    t.start();
    routerWatch = t;
  }

  /** How many background checks saw another fax-router on the shared queue. */
  public long foreignRouterSightings() {
    return foreignRouterSightings.get();
  }

  public Path documentRoot() {
    return documentRoot;
  }

  /**
   * {@code job.cancel} as api-service would send it, but straight to this run's fax-queue queue (default
   * exchange): on {@code fax.commands} every fax-queue on the shared broker would get it.
   */
  public void cancel(Tenant tenant, UUID jobId) {
    JobCancel cancel = new JobCancel(jobId, String.valueOf(tenant.id()), tenant.username(), "e2e cancel");
    publish("", queueQueue(JobCancel.TYPE),
        Envelope.of(JobCancel.TYPE, JobCancel.VERSION, jobId.toString(), cancel, Clock.systemUTC()));
  }

  /** {@code fallback.set} as api-service's admin route would send it (straight to this run's fax-queue). */
  public void putOnFallbackList(String e164) {
    FallbackChange change = FallbackChange.listed(PhoneNumber.ofE164(e164), null);
    publish("", queueQueue(FallbackChange.SET_TYPE),
        Envelope.of(FallbackChange.SET_TYPE, FallbackChange.VERSION, null, change, Clock.systemUTC()));
  }

  /** This run's fax-queue queue for a routing key. */
  String queueQueue(String routingKey) {
    return runId + ".fax-queue." + routingKey;
  }

  private synchronized void publish(String exchange, String routingKey, Envelope<?> env) {
    try {
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
          .messageId(env.messageId().toString()).type(env.type()).correlationId(env.correlationId())
          .deliveryMode(2).build();
      publisher.basicPublish(exchange, routingKey, true, props, MessageJson.write(env));
      publisher.waitForConfirmsOrDie(10_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- job status (queue.job_view contract)

  public record JobRow(UUID jobId, String status, int pagesSent, int pagesTotal, int attemptCount,
                       String errorType, String errorCode, String errorMessage) {
    public boolean isFinal() {
      return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }
  }

  public record AttemptRow(UUID attemptId, int number, String gateway, Instant startedAt, Instant endedAt,
                           String endKind, Boolean success, String hangupCause, Integer t30Code,
                           String remoteCsid, Integer bitRate, Integer pagesSent, Integer pagesTotal,
                           Integer badRows, String t38Status) {}

  /** The job as fax-queue's published view shows it, or null before fax-queue has it. */
  public JobRow job(UUID jobId) {
    return query("SELECT * FROM queue.job_view WHERE job_id = '" + jobId + "'", rs -> rs.next()
        ? new JobRow(jobId, rs.getString("status"), rs.getInt("pages_sent"), rs.getInt("pages_total"),
            rs.getInt("attempt_count"), rs.getString("error_type"), rs.getString("error_code"),
            rs.getString("error_message"))
        : null);
  }

  public List<AttemptRow> attempts(UUID jobId) {
    return query("SELECT * FROM queue.attempt_view WHERE job_id = '" + jobId + "' ORDER BY number", rs -> {
      List<AttemptRow> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new AttemptRow(rs.getObject("attempt_id", UUID.class), rs.getInt("number"), rs.getString("gateway"),
            instant(rs, "started_at"), instant(rs, "ended_at"), rs.getString("end_kind"),
            (Boolean) rs.getObject("success"), rs.getString("hangup_cause"), (Integer) rs.getObject("t30_code"),
            rs.getString("remote_csid"), (Integer) rs.getObject("bit_rate"), (Integer) rs.getObject("pages_sent"),
            (Integer) rs.getObject("pages_total"), (Integer) rs.getObject("bad_rows"), rs.getString("t38_status")));
      }
      return out;
    });
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    java.sql.Timestamp ts = rs.getTimestamp(col);
    return ts == null ? null : ts.toInstant();
  }

  public Map<String, Map<String, String>> queueTable(String sql) {
    return query(sql, rs -> {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
        }
        out.put(rs.getString(1), row);
      }
      return out;
    });
  }

  interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * {@code VACUUM (ANALYZE)} of the whole database: what autovacuum does on a deployment's PostgreSQL, for a
   * benchmark on a server that runs without it (this machine's CI configuration).
   */
  void vacuumAnalyze() {
    try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
         var st = c.createStatement()) {
      st.execute("VACUUM (ANALYZE)");
    } catch (SQLException e) {
      throw new IllegalStateException("VACUUM (ANALYZE)", e);
    }
  }

  <T> T query(String sql, Rows<T> rows) {
    try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
         var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      return rows.read(rs);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return null; // view not there yet
      }
      throw new IllegalStateException(sql, e);
    }
  }

  /** Waits for the job's final status. */
  public JobRow awaitFinal(UUID jobId, Duration timeout) {
    JobRow[] last = new JobRow[1];
    try {
      await("job " + jobId + " final", timeout, () -> {
        last[0] = job(jobId);
        return last[0] != null && last[0].isFinal();
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last seen " + last[0] + ", attempts " + attempts(jobId)
          + ", calls " + calls.describe(), e);
    }
    return last[0];
  }

  /** Everything known about a job, for assertion messages. */
  public String describe(UUID jobId) {
    return "job " + job(jobId) + "; attempts " + attempts(jobId) + "; calls " + calls.describe();
  }

  public JobRow awaitStatus(UUID jobId, String status, Duration timeout) {
    await("job " + jobId + " " + status, timeout, () -> {
      JobRow j = job(jobId);
      return j != null && status.equals(j.status());
    });
    return job(jobId);
  }

  private java.sql.Connection lookup;
  private final Object lookupLock = new Object();

  /**
   * The {@link RunForwarder}'s filter: whether a message published with a fixed routing key on the shared broker
   * belongs to this run. Every fax-queue on the broker used to get every {@code job.routed}, so another test's
   * fax-queue could dispatch this run's jobs with this run's gateway names: ids are checked against this run's
   * database, names alone would not tell them apart.
   */
  private boolean isMine(String routingKey, byte[] body) {
    switch (routingKey) {
      case RoutingKeys.FAX_ORIGINATE -> {
        var cmd = MessageJson.read(body, org.faxserver.model.attempt.OriginateFax.class).payload();
        return gateways.contains(cmd.gateway()) && exists("queue.attempt", "attempt_id", cmd.attemptId());
      }
      case RoutingKeys.JOB_ROUTED -> {
        var routed = MessageJson.read(body, org.faxserver.model.job.JobRouted.class).payload();
        UUID job = routed.jobId();
        if (routed.origin() == org.faxserver.model.job.JobOrigin.INBOUND && routed.options() != null) {
          String callId = routed.options().labels().get("inbound-call-id");
          if (callId != null && standIn.call(callId) != null) {
            return true; // a fax received from this run's stand-in
          }
        }
        return submittedDirectly.contains(job) || exists("api.submission", "job_id", job);
      }
      case RoutingKeys.JOB_SUBMITTED -> {
        UUID job = MessageJson.read(body, JobSubmitted.class).payload().jobId();
        return submittedDirectly.contains(job) || exists("api.submission", "job_id", job);
      }
      case RoutingKeys.JOB_COMPLETED -> {
        return exists("queue.job", "job_id",
            MessageJson.read(body, org.faxserver.model.job.JobCompleted.class).payload().jobId());
      }
      case RoutingKeys.DELIVER_WEBHOOK -> {
        return exists("queue.attempt", "attempt_id",
            MessageJson.read(body, org.faxserver.model.delivery.DeliverWebhook.class).payload().attemptId());
      }
      case RoutingKeys.DELIVER_EMAIL -> {
        return exists("queue.attempt", "attempt_id",
            MessageJson.read(body, org.faxserver.model.delivery.DeliverEmail.class).payload().attemptId());
      }
      case RoutingKeys.DELIVERY_REDELIVER -> {
        return exists("notify.delivery", "id",
            MessageJson.read(body, org.faxserver.model.delivery.DeliveryRedeliver.class).payload().deliveryId());
      }
      case RoutingKeys.ATTEMPT_PROGRESS -> {
        return exists("queue.attempt", "attempt_id",
            MessageJson.read(body, org.faxserver.model.attempt.AttemptProgress.class).payload().attemptId());
      }
      case RoutingKeys.ATTEMPT_FINISHED -> {
        return exists("queue.attempt", "attempt_id",
            MessageJson.read(body, org.faxserver.model.attempt.AttemptFinished.class).payload().attemptId());
      }
      case RoutingKeys.DELIVERY_FINISHED -> {
        return exists("queue.attempt", "attempt_id",
            MessageJson.read(body, org.faxserver.model.delivery.DeliveryFinished.class).payload().attemptId());
      }
      case JobCancel.TYPE -> {
        return exists("queue.job", "job_id", MessageJson.read(body, JobCancel.class).payload().jobId());
      }
      default -> {
        return true; // admin changes to the fallback list and overrides: rare, and harmless if foreign
      }
    }
  }

  private boolean exists(String table, String column, UUID id) {
    synchronized (lookupLock) {
      try {
        if (lookup == null || lookup.isClosed()) {
          lookup = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        }
        try (var ps = lookup.prepareStatement("SELECT 1 FROM " + table + " WHERE " + column + " = ?")) {
          ps.setObject(1, id);
          try (var rs = ps.executeQuery()) {
            return rs.next();
          }
        }
      } catch (SQLException e) {
        if (!"42P01".equals(e.getSQLState())) { // 42P01: the table is not there yet (services still starting)
          log.warn("lookup in {} failed for {}", table, id, e);
        }
        return false;
      }
    }
  }

  // ---------------------------------------------------------------- the stand-in

  public FreeSwitchStandIn standIn() {
    return standIn;
  }

  public CallWatcher calls() {
    return calls;
  }

  /** {@code api db insert/<realm>/<key>/<value>} on the stand-in, as ops would with fs_cli. */
  public String modDb(String command) {
    return RawEsl.api(standIn.host(), standIn.port(), standIn.password(), "db " + command);
  }

  // ---------------------------------------------------------------- helpers

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(25);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (routerWatch != null) {
      routerWatch.interrupt();
    }
    for (int i = contexts.size() - 1; i >= 0; i--) {
      try {
        contexts.get(i).close();
      } catch (RuntimeException e) {
        log.warn("closing context", e);
      }
    }
    if (queueProcess != null && queueProcess.isAlive()) {
      queueProcess.destroyForcibly();
    }
    if (forwarder != null) {
      forwarder.close();
    }
    if (calls != null) {
      calls.close();
    }
    if (standIn != null) {
      standIn.close();
    }
    if (mail != null) {
      mail.stop();
    }
    deleteOwnQueues();
    if (work != null && !Boolean.getBoolean("faxsystem.keep")) {
      org.springframework.util.FileSystemUtils.deleteRecursively(work.toFile());
    }
    try {
      if (lookup != null) {
        lookup.close();
      }
    } catch (SQLException e) {
      log.debug("closing lookup", e);
    }
    try {
      if (amqp != null) {
        amqp.close();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("closing AMQP", e);
    }
  }

  /** Durable queues this run declared (all carry its id): deleted so the shared broker does not fill up. */
  private void deleteOwnQueues() {
    if (amqp == null || !amqp.isOpen()) {
      return;
    }
    List<String> names = new ArrayList<>();
    String q = runId + ".fax-queue.";
    for (String key : List.of("job.routed", "attempt.progress", "attempt.finished", "delivery.finished",
        "job.cancel", "fallback.set", "fallback.remove", "override.set", "override.remove")) {
      names.add(q + key);
      names.add(q + key + ".parking");
    }
    if (options.withNotifier) {
      for (String key : List.of(RoutingKeys.JOB_SUBMITTED, RoutingKeys.ROUTE_INBOUND, RoutingKeys.INBOUND_RECEIVED)) {
        names.add(runId + ".fax-router." + key);
        names.add(runId + ".fax-router." + key + ".parking");
      }
      for (String key : List.of(RoutingKeys.DELIVER_WEBHOOK, RoutingKeys.DELIVER_EMAIL, RoutingKeys.DELIVERY_REDELIVER,
          RoutingKeys.JOB_ROUTED, RoutingKeys.JOB_COMPLETED, RoutingKeys.INBOUND_RECEIVED)) {
        names.add(notifierQueue(key));
        names.add(notifierQueue(key) + ".parking");
      }
      names.add(apiInboxQueue());
      names.add(apiInboxQueue() + ".parking");
    }
    names.add(runId + ".esl-gateway.fax.originate");
    names.add(runId + ".esl-gateway.fax.originate.parking");
    for (String name : names) {
      try (Channel ch = amqp.createChannel()) {
        ch.queueDelete(name);
      } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
        log.debug("queue {} not deleted", name, e);
      }
    }
  }
}
