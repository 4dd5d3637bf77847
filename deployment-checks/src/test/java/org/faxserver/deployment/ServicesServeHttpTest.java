package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Probes, healthchecks and Prometheus scrape every service's Actuator over HTTP; a service without a
 * web server would pass every file check and still be restarted forever by its liveness probe.
 */
class ServicesServeHttpTest {

  @Test
  void everyServiceHasAWebServerForActuator() {
    for (String module : Services.ALL) {
      String pom = Repo.read(module + "/pom.xml");
      assertThat(pom).as(module + " serves Actuator over HTTP")
          .containsAnyOf("<artifactId>spring-boot-starter-webflux</artifactId>",
              "<artifactId>spring-boot-starter-web</artifactId>");
      assertThat(pom).as(module + " exposes Prometheus metrics").contains("<artifactId>observability</artifactId>");
    }
  }
}
