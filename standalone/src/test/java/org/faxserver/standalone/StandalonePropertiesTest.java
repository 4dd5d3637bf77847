package org.faxserver.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class StandalonePropertiesTest {

  private static StandaloneProperties bind(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", env));
    ConfigurationPropertySources.attach(environment);
    return Binder.get(environment).bindOrCreate("faxserver.standalone", StandaloneProperties.class);
  }

  @Test
  void defaultsAreEmbeddedWithoutSandbox() {
    StandaloneProperties p = bind(Map.of());
    assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
    assertThat(p.broker()).isEqualTo(StandaloneProperties.Mode.EMBEDDED);
    assertThat(p.database()).isEqualTo(StandaloneProperties.Mode.EMBEDDED);
    assertThat(p.sandbox()).isFalse();
    assertThat(p.sandboxFax()).isEqualTo(StandaloneProperties.SandboxFax.AUTO);
    assertThat(p.embeddedBrokerPort()).isZero();
    assertThat(p.embeddedDatabaseStartupWait()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.notifier()).isEqualTo(StandaloneProperties.Notifier.AUTO);
  }

  @Test
  void environmentVariablesAsDocumented() {
    StandaloneProperties p = bind(Map.of(
        "FAXSERVER_STANDALONE_DATA_DIR", "/srv/fax",
        "FAXSERVER_STANDALONE_BROKER", "external",
        "FAXSERVER_STANDALONE_DATABASE", "external",
        "FAXSERVER_STANDALONE_SANDBOX", "true",
        "FAXSERVER_STANDALONE_SANDBOX_FAX", "scripted",
        "FAXSERVER_STANDALONE_SANDBOX_TEST_NUMBER", "+12125550123",
        "FAXSERVER_STANDALONE_EMBEDDED_BROKER_PORT", "5673",
        "FAXSERVER_STANDALONE_EMBEDDED_DATABASE_PORT", "15432",
        "FAXSERVER_STANDALONE_NOTIFIER", "off"));
    assertThat(p.dataDir()).isEqualTo(Path.of("/srv/fax"));
    assertThat(p.broker()).isEqualTo(StandaloneProperties.Mode.EXTERNAL);
    assertThat(p.database()).isEqualTo(StandaloneProperties.Mode.EXTERNAL);
    assertThat(p.sandbox()).isTrue();
    assertThat(p.sandboxFax()).isEqualTo(StandaloneProperties.SandboxFax.SCRIPTED);
    assertThat(p.sandboxTestNumber()).isEqualTo("+12125550123");
    assertThat(p.embeddedBrokerPort()).isEqualTo(5673);
    assertThat(p.embeddedDatabasePort()).isEqualTo(15432);
    assertThat(p.notifier()).isEqualTo(StandaloneProperties.Notifier.OFF);
  }

  @Test
  void standaloneOptionsAreNotForwardedToTheServicesAndTheLastValueWins() {
    assertThat(Standalone.forwardedArgs(new String[] {"--sandbox", "--faxserver.standalone.data-dir=/x",
        "--server.port=9090", "--faxserver.faxing.retry-attempts=5"}))
        .containsExactly("--server.port=9090", "--faxserver.faxing.retry-attempts=5");
    assertThat(Standalone.dedupe(List.of("--a=1", "--b=2", "--a=3")))
        .containsExactly("--b=2", "--a=3");
  }
}
