package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml: parsed with SnakeYAML and checked against the services' config and freeswitch/. */
@SuppressWarnings("unchecked")
class ComposeFileTest {

  private static final Map<String, Object> COMPOSE =
      new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read("docker-compose.yml"));
  private static final Map<String, Object> SERVICES = (Map<String, Object>) COMPOSE.get("services");
  private static final FreeSwitchConfig FS = FreeSwitchConfig.load();
  private static final Pattern INTERPOLATION = Pattern.compile("^\\$\\{([A-Za-z0-9_]+)(?::?[-?])?([^}]*)}$");

  private static Map<String, Object> service(String name) {
    Map<String, Object> s = (Map<String, Object>) SERVICES.get(name);
    assertThat(s).as("compose service %s", name).isNotNull();
    return s;
  }

  /** The service's environment as written (list or map form). */
  private static Map<String, String> rawEnv(String name) {
    Object env = service(name).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (env instanceof List<?> list) {
      for (Object o : list) {
        String s = String.valueOf(o);
        int eq = s.indexOf('=');
        result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return result;
  }

  /** The environment with ${VAR:-default} replaced by its default (what runs when nothing is exported). */
  private static Map<String, String> env(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    rawEnv(name).forEach((k, v) -> result.put(k, interpolateDefault(v)));
    return result;
  }

  private static String interpolateDefault(String value) {
    Matcher m = INTERPOLATION.matcher(value);
    if (m.matches()) {
      return value.contains(":?") ? "<required:" + m.group(1) + ">" : m.group(2);
    }
    return value;
  }

  private static List<String> volumes(String name) {
    Object v = service(name).get("volumes");
    List<String> result = new ArrayList<>();
    if (v instanceof List<?> list) {
      list.forEach(o -> result.add(String.valueOf(o)));
    }
    return result;
  }

  @Test
  void runsTheInfrastructureFreeSwitchAndAllFiveServices() {
    assertThat(SERVICES).containsKeys("postgres", "rabbitmq", "freeswitch");
    assertThat(SERVICES).containsKeys(Services.ALL.toArray(String[]::new));
    assertThat(String.valueOf(service("rabbitmq").get("image"))).contains("management");
    assertThat(String.valueOf(service("postgres").get("image"))).startsWith("postgres:");
  }

  @Test
  void everyServiceImageIsBuiltFromItsBootJar() throws Exception {
    String dockerfile = Repo.read("docker/service/Dockerfile");
    assertThat(dockerfile).contains("COPY").contains("${MODULE}/target/${MODULE}-${VERSION}-exec.jar");
    assertThat(dockerfile).contains("ARG VERSION=0.1.0-SNAPSHOT");
    String pom = Repo.read("pom.xml");
    for (String name : Services.ALL) {
      Map<String, Object> build = (Map<String, Object>) service(name).get("build");
      assertThat(build).as(name).isNotNull();
      assertThat(build.get("dockerfile")).isEqualTo("docker/service/Dockerfile");
      assertThat(build.get("context")).isEqualTo(".");
      assertThat(((Map<String, Object>) build.get("args")).get("MODULE")).isEqualTo(name);
      assertThat(pom).contains("<module>" + name + "</module>");
      assertThat(Files.isRegularFile(Repo.path(name + "/pom.xml"))).isTrue();
    }
  }

  @Test
  void everyEnvironmentVariableMeansSomethingToItsService() {
    for (String name : Services.ALL) {
      SpringConfig config = SpringConfig.of(name);
      if (!config.present) {
        continue; // service being written: checked once its application.yml exists
      }
      for (String key : rawEnv(name).keySet()) {
        assertThat(config.accepts(key)).as("%s: %s is not read by its application.yml", name, key).isTrue();
      }
    }
  }

  @Test
  void servicesUseTheComposeDatabaseAndBrokerWithMatchingCredentials() {
    Map<String, String> pg = env("postgres");
    Map<String, String> mq = env("rabbitmq");
    for (String name : Services.ALL) {
      SpringConfig config = SpringConfig.of(name);
      Map<String, String> env = env(name);
      boolean usesDb = config.present ? config.readsPlaceholder("SPRING_R2DBC_URL") : env.containsKey("SPRING_R2DBC_URL");
      if (usesDb) {
        assertThat(env.get("SPRING_R2DBC_URL")).as(name).isEqualTo("r2dbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_R2DBC_USERNAME")).as(name).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_R2DBC_PASSWORD")).as(name).isEqualTo(pg.get("POSTGRES_PASSWORD"));
        assertThat(rawEnv(name).get("SPRING_R2DBC_PASSWORD")).isEqualTo(rawEnv("postgres").get("POSTGRES_PASSWORD"));
        assertThat(dependsOn(name)).contains("postgres");
      }
      boolean usesFlyway = config.present ? config.readsPlaceholder("SPRING_FLYWAY_URL") : env.containsKey("SPRING_FLYWAY_URL");
      if (usesFlyway) {
        assertThat(env.get("SPRING_FLYWAY_URL")).as(name).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_FLYWAY_USER")).as(name).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(rawEnv(name).get("SPRING_FLYWAY_PASSWORD")).isEqualTo(rawEnv("postgres").get("POSTGRES_PASSWORD"));
      }
      // Every service talks to RabbitMQ.
      assertThat(env.get("SPRING_RABBITMQ_HOST")).as(name).isEqualTo("rabbitmq");
      assertThat(env.get("SPRING_RABBITMQ_PORT")).as(name).isEqualTo("5672");
      assertThat(env.get("SPRING_RABBITMQ_USERNAME")).as(name).isEqualTo(mq.get("RABBITMQ_DEFAULT_USER"));
      assertThat(rawEnv(name).get("SPRING_RABBITMQ_PASSWORD")).as(name).isEqualTo(rawEnv("rabbitmq").get("RABBITMQ_DEFAULT_PASS"));
      assertThat(dependsOn(name)).contains("rabbitmq");
    }
  }

  private static List<String> dependsOn(String name) {
    Object d = service(name).get("depends_on");
    if (d instanceof Map<?, ?> map) {
      return map.keySet().stream().map(String::valueOf).toList();
    }
    if (d instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  @Test
  void theAdminKeyMustBeGivenNotDefaulted() {
    assertThat(SpringConfig.of("api-service").readsPlaceholder("FAXSERVER_SECURITY_ADMIN_API_KEY")).isTrue();
    assertThat(rawEnv("api-service").get("FAXSERVER_SECURITY_ADMIN_API_KEY"))
        .startsWith("${FAXSERVER_SECURITY_ADMIN_API_KEY:?");
  }

  @Test
  void healthchecksAskActuatorOnTheServicesOwnPort() {
    Set<Integer> ports = new HashSet<>();
    for (String name : Services.ALL) {
      Map<String, Object> hc = (Map<String, Object>) service(name).get("healthcheck");
      assertThat(hc).as(name).isNotNull();
      String test = String.valueOf(hc.get("test"));
      SpringConfig config = SpringConfig.of(name);
      // Each module has its own default HTTP port (server.port in its application.yml), not 8080.
      int port = config.serverPort(env(name));
      assertThat(port).as("%s: compose keeps the module's own server.port", name).isEqualTo(config.declaredServerPort());
      assertThat(ports.add(port)).as("%s: port %d is another service's", name, port).isTrue();
      assertThat(test).as(name).contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
      assertThat(env(name)).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
      // The image's own HEALTHCHECK/EXPOSE get the same port (docker/service/Dockerfile ARG HTTP_PORT).
      Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) service(name).get("build")).get("args");
      assertThat(String.valueOf(args.get("HTTP_PORT"))).as("%s build arg HTTP_PORT", name).isEqualTo(String.valueOf(port));
    }
    // The API is published on its server port.
    int apiPort = SpringConfig.of("api-service").serverPort(env("api-service"));
    assertThat(String.valueOf(service("api-service").get("ports"))).contains(apiPort + ":" + apiPort);
    assertThat(service("postgres")).containsKey("healthcheck");
    assertThat(service("rabbitmq")).containsKey("healthcheck");
    assertThat(service("freeswitch")).containsKey("healthcheck");
  }

  @Test
  void freeSwitchGetsTheShippedConfigurationAndPublishesSipAndRtp() {
    assertThat(volumes("freeswitch")).contains("./freeswitch:/etc/freeswitch:ro");
    // Built from docker/freeswitch/Dockerfile (entrypoint: password check, drain on stop).
    Map<String, Object> build = (Map<String, Object>) service("freeswitch").get("build");
    assertThat(build).isNotNull();
    assertThat(build.get("dockerfile")).isEqualTo("docker/freeswitch/Dockerfile");
    String baseImage = String.valueOf(((Map<String, Object>) build.get("args")).get("FREESWITCH_IMAGE"));
    assertThat(interpolateDefault(baseImage)).as("FreeSWITCH base image pinned by tag").matches("[^:]+:[^:]+")
        .doesNotEndWith(":latest");
    // The ports are published by the namespace holder FreeSWITCH runs in.
    assertThat(service("freeswitch")).doesNotContainKey("ports");
    String ports = String.valueOf(service(NETNS).get("ports"));
    String sip = FS.vars.get("fax_sip_port");
    assertThat(ports).contains(sip + ":" + sip + "/udp").contains(sip + ":" + sip + "/tcp");
    String rtp = FS.vars.get("rtp_start_port") + "-" + FS.vars.get("rtp_end_port");
    assertThat(ports).contains(rtp + ":" + rtp + "/udp");
    // The event socket is never published.
    assertThat(ports).doesNotContain(FS.vars.get("esl_listen_port"));
  }

  /** The never-restarting container that holds the network namespace FreeSWITCH and esl-gateway share. */
  private static final String NETNS = "netns";

  @Test
  void freeSwitchAndEslGatewayJoinANamespaceHolderThatOutlivesThem() {
    // Neither joins the other's namespace: if freeswitch restarted, an esl-gateway in its namespace
    // would be left in a dead one (and vice versa).
    assertThat(service("freeswitch").get("network_mode")).isEqualTo("service:" + NETNS);
    assertThat(service("esl-gateway").get("network_mode")).isEqualTo("service:" + NETNS);
    Map<String, Object> holder = service(NETNS);
    assertThat(String.valueOf(holder.get("image"))).matches(".*(pause|alpine|busybox).*:[^:]+").doesNotEndWith(":latest");
    assertThat(holder).doesNotContainKeys("depends_on", "network_mode", "healthcheck", "volumes", "environment");
    assertThat(String.valueOf(holder.get("restart"))).isIn("unless-stopped", "always");
    assertThat(dependsOn("freeswitch")).contains(NETNS);
    assertThat(dependsOn("esl-gateway")).contains(NETNS);
    // Nobody else shares it.
    SERVICES.forEach((name, s) -> {
      if (!List.of("freeswitch", "esl-gateway").contains(name)) {
        assertThat(String.valueOf(((Map<String, Object>) s).get("network_mode"))).as(name).isNotEqualTo("service:" + NETNS);
      }
    });
  }

  @Test
  void freeSwitchAndEslGatewayGetTimeToFinishCallsWhenStopped() {
    for (String name : List.of("freeswitch", "esl-gateway")) {
      assertThat(String.valueOf(service(name).get("stop_grace_period"))).as(name).isEqualTo("90s");
    }
    // FreeSWITCH's drain (entrypoint on SIGTERM) ends before Docker's SIGKILL.
    int drain = Integer.parseInt(env("freeswitch").getOrDefault("FREESWITCH_DRAIN_SECONDS", "75"));
    assertThat(drain).isPositive().isLessThan(90);
  }

  @Test
  void theEventSocketPasswordHasOneSourceForFreeSwitchEslGatewayAndTheHealthcheck() {
    String eslGateway = rawEnv("esl-gateway").get("FAXSERVER_FREESWITCH_PASSWORD");
    String freeswitch = rawEnv("freeswitch").get("FREESWITCH_ESL_PASSWORD");
    assertThat(eslGateway).as("esl-gateway's password comes from the environment").startsWith("${");
    assertThat(freeswitch).as("FreeSWITCH's password is the same variable as esl-gateway's").isEqualTo(eslGateway);
    assertThat(interpolateDefault(eslGateway)).as("no default password (FreeSWITCH refuses ClueCon)")
        .isNotEqualToIgnoringCase("ClueCon").isNotEqualToIgnoringCase(FS.vars.get("esl_password"));
    // fs_cli's own default password is ClueCon: the healthcheck must pass the configured one.
    String test = String.valueOf(((Map<String, Object>) service("freeswitch").get("healthcheck")).get("test"));
    assertFsCliUsesPassword(test, "$$FREESWITCH_ESL_PASSWORD");
  }

  /** Every fs_cli call in the command passes -p with the given variable reference. */
  static void assertFsCliUsesPassword(String command, String reference) {
    Matcher m = Pattern.compile("fs_cli(?=\\s|\\b)").matcher(command);
    int calls = 0;
    while (m.find()) {
      calls++;
      String rest = command.substring(m.end()).stripLeading();
      assertThat(rest).as("fs_cli call in %s", command).startsWith("-p \"" + reference + "\"");
    }
    assertThat(calls).as("fs_cli calls in %s", command).isPositive();
  }

  @Test
  void eslGatewayReachesFreeSwitchsEventSocketWithTheRightPassword() {
    SpringConfig config = SpringConfig.of("esl-gateway");
    Map<String, String> env = env("esl-gateway");
    assertThat(config.valueWith("faxserver.freeswitch.host", env)).contains(FS.vars.get("esl_listen_ip"));
    assertThat(config.valueWith("faxserver.freeswitch.port", env)).contains(FS.vars.get("esl_listen_port"));
    // The password: see theEventSocketPasswordHasOneSourceForFreeSwitchEslGatewayAndTheHealthcheck.
    assertThat(env).containsKey("FAXSERVER_FREESWITCH_PASSWORD");
    // FreeSWITCH's dialplan connects to esl-gateway over the shared loopback.
    assertThat(FS.vars.get("esl_gateway_address")).isEqualTo("127.0.0.1");
    assertThat(Integer.parseInt(FS.vars.get("esl_gateway_port")))
        .isEqualTo(FreeSwitchConfigTest.eslGatewayOutboundSocketPort());
  }

  @Test
  void freeSwitchAndTheServicesShareOneSpoolVolumeAtOnePath() {
    assertThat((Map<String, Object>) COMPOSE.get("volumes")).containsKey("spool");
    String mount = "spool:" + Services.SPOOL;
    assertThat(volumes("freeswitch")).contains(mount);
    assertThat(FS.vars.get("fax_spool_dir")).isEqualTo(Services.SPOOL);
    for (String name : Services.USING_SPOOL) {
      assertThat(volumes(name)).as(name).contains(mount);
      assertThat(SpringConfig.of(name).valueWith("faxserver.documents.root", env(name)).orElse(env(name).get("FAXSERVER_DOCUMENTS_ROOT")))
          .as(name).isEqualTo(Services.SPOOL);
    }
    // esl-gateway sees the files where FreeSWITCH does: no separate document-root.
    assertThat(env("esl-gateway")).doesNotContainKey("FAXSERVER_FREESWITCH_DOCUMENT_ROOT");
  }

  @Test
  void lokiAndGrafanaAreOptional() {
    for (String name : List.of("loki", "grafana", "prometheus")) {
      assertThat((List<String>) service(name).get("profiles")).as(name).containsExactly("observability");
    }
    for (String name : Services.ALL) {
      assertThat(service(name)).as(name).doesNotContainKey("profiles");
    }
    assertThat(Files.isRegularFile(Repo.path("docker/grafana/provisioning/datasources/loki.yml"))).isTrue();
  }

  @Test
  void servicesShipTheirOwnLogsToLokiAndNoContainerReadsTheDockerSocket() {
    // No log shipper with the Docker socket (it would read every container on the host).
    assertThat(SERVICES).doesNotContainKey("promtail");
    SERVICES.keySet().forEach(name -> assertThat(volumes(name)).as(name).noneMatch(v -> v.contains("docker.sock")));
    String lokiPort = "3100";
    assertThat(String.valueOf(service("loki").get("ports"))).contains(":" + lokiPort + ":" + lokiPort);
    for (String name : Services.ALL) {
      Map<String, String> raw = rawEnv(name);
      assertThat(raw.get("FAXSERVER_LOKI_ENABLED")).as(name).isEqualTo("${FAXSERVER_LOKI_ENABLED:-false}");
      assertThat(interpolateDefault(raw.get("FAXSERVER_LOKI_URL"))).as(name)
          .isEqualTo("http://loki:" + lokiPort + "/loki/api/v1/push");
      assertThat(SpringConfig.of(name).accepts("FAXSERVER_LOKI_URL")).as(name).isTrue();
    }
  }

  @Test
  void prometheusScrapesEveryServiceOnItsOwnPort() {
    Map<String, Object> prometheus = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Repo.read("docker/prometheus/prometheus.yml"));
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    Set<String> targets = new HashSet<>();
    for (Map<String, Object> job : jobs) {
      assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) {
        ((List<Object>) sc.get("targets")).forEach(t -> targets.add(String.valueOf(t)));
      }
    }
    Set<String> expected = new HashSet<>();
    for (String name : Services.ALL) {
      // A service in another container's network namespace is reached under that container's name.
      String mode = String.valueOf(service(name).get("network_mode"));
      String host = mode.startsWith("service:") ? mode.substring("service:".length()) : name;
      expected.add(host + ":" + SpringConfig.of(name).serverPort(env(name)));
    }
    assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
  }
}
