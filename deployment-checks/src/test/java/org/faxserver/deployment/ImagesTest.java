package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docker/: the image recipes match the build's jars and the shipped FreeSWITCH configuration. */
class ImagesTest {

  @Test
  void everyServiceModuleRepackagesTheExecJarTheDockerfileCopies() {
    String dockerfile = Repo.read("docker/service/Dockerfile");
    assertThat(dockerfile).contains("${MODULE}/target/${MODULE}-${VERSION}-exec.jar");
    String version = Repo.read("pom.xml").replaceAll("(?s).*?<artifactId>faxserver-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
    assertThat(dockerfile).contains("ARG VERSION=" + version);
    for (String module : Services.ALL) {
      assertThat(Repo.read(module + "/pom.xml")).as(module).contains("<classifier>exec</classifier>");
    }
    // The image's healthcheck asks Actuator on the port the services listen on.
    assertThat(dockerfile).contains("http://127.0.0.1:8080/actuator/health/liveness")
        .contains("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true")
        .contains("EXPOSE 8080");
    assertThat(Repo.read("docker/service/Dockerfile.dockerignore")).contains("!*/target/*-exec.jar");
  }

  @Test
  void theFreeSwitchImageCarriesTheShippedConfiguration() {
    String dockerfile = Repo.read("docker/freeswitch/Dockerfile");
    assertThat(dockerfile).contains("COPY freeswitch/ /etc/freeswitch/");
    FreeSwitchConfig fs = FreeSwitchConfig.load();
    assertThat(dockerfile).contains("EXPOSE " + fs.vars.get("fax_sip_port") + "/udp")
        .contains(fs.vars.get("rtp_start_port") + "-" + fs.vars.get("rtp_end_port") + "/udp");
    assertThat(Repo.read("k8s/telephony.yaml")).contains("image: faxserver/freeswitch");
    assertThat(Repo.read("k8s/kustomization.yaml")).contains("name: faxserver/freeswitch");
  }
}
