package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.faxserver.testkit.infra.PostgresDatabase;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code broker=external}, {@code database=external}, no sandbox: the services use the configured broker
 * (here a Qpid of the test's own, so no consumer lands on the shared RabbitMQ's fixed queue names) and
 * PostgreSQL (a fresh database on the test infrastructure); nothing embedded is started; FreeSWITCH is not
 * reachable, and api-service's health says so.
 */
class StandaloneExternalServicesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ConfigurableApplicationContext running;
  private EmbeddedBroker broker;

  @TempDir
  Path data;

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void usesTheConfiguredBrokerAndDatabaseAndReportsAnUnreachableFreeSwitch() throws Exception {
    PostgresDatabase db = TestInfrastructure.get().newDatabase("standalone");
    broker = EmbeddedBroker.start(Files.createDirectories(data.resolve("other-broker")), 0);
    running = StandaloneApplication.start(
        "--faxserver.standalone.data-dir=" + data.resolve("standalone"),
        "--faxserver.standalone.broker=external", "--faxserver.standalone.database=external",
        "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + broker.port(),
        "--spring.rabbitmq.username=" + EmbeddedBroker.USERNAME, "--spring.rabbitmq.password=" + broker.password(),
        "--spring.r2dbc.url=" + db.r2dbcUrl(), "--spring.r2dbc.username=" + db.username(),
        "--spring.r2dbc.password=" + (db.password() == null ? "" : db.password()),
        "--spring.flyway.url=" + db.jdbcUrl(), "--spring.flyway.user=" + db.username(),
        "--spring.flyway.password=" + (db.password() == null ? "" : db.password()),
        "--faxserver.freeswitch.host=127.0.0.1", "--faxserver.freeswitch.port=" + FreePorts.find(),
        "--server.port=0");
    Standalone standalone = running.getBean(Standalone.class);

    assertThat(standalone.sandboxAccount()).isNull();
    assertThat(data.resolve("standalone/postgres")).doesNotExist();
    assertThat(data.resolve("standalone/broker")).doesNotExist();
    for (ConfigurableApplicationContext ctx : standalone.serviceContexts()) {
      assertThat(ctx.getEnvironment().getProperty("spring.rabbitmq.port")).isEqualTo(Integer.toString(broker.port()));
      assertThat(ctx.getEnvironment().getProperty("spring.r2dbc.url")).isEqualTo(db.r2dbcUrl());
    }

    HttpResponse<String> tenants = get(standalone.apiPort(), "/admin/tenant?page=0&size=10", standalone.adminApiKey());
    assertThat(tenants.statusCode()).as(tenants.body()).isEqualTo(200);

    HttpResponse<String> health = get(standalone.apiPort(), "/actuator/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
    JsonNode gateway = JSON.readTree(health.body()).path("components").path("services").path("components")
        .path("esl-gateway");
    assertThat(gateway.path("status").asText()).as(health.body()).isEqualTo("DOWN");
    assertThat(gateway.path("components").path("freeSwitch").path("status").asText()).isEqualTo("DOWN");
  }

  private HttpResponse<String> get(int port, String path, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
