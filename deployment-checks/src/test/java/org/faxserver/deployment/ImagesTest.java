package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    // The image's healthcheck asks Actuator on the module's port (build arg HTTP_PORT; each module
    // has its own server.port), never a hard-coded 8080.
    assertThat(dockerfile).contains("ARG HTTP_PORT")
        .contains("HEALTHCHECK_PORT=${HTTP_PORT}")
        .contains("http://127.0.0.1:${SERVER_PORT:-$HEALTHCHECK_PORT}/actuator/health/liveness")
        .contains("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true")
        .contains("EXPOSE ${HTTP_PORT}");
    String healthcheck = dockerfile.substring(dockerfile.indexOf("\nHEALTHCHECK "));
    assertThat(healthcheck.substring(0, healthcheck.indexOf("ENTRYPOINT"))).doesNotContain("8080");
    assertThat(Repo.read("docker/service/Dockerfile.dockerignore")).contains("!*/target/*-exec.jar");
  }

  @Test
  void theFreeSwitchImageRefusesTheDefaultPasswordRunsUnprivilegedAndDrains() {
    String dockerfile = Repo.read("docker/freeswitch/Dockerfile");
    // Pinned base image, never :latest.
    Matcher base = Pattern.compile("(?m)^ARG FREESWITCH_IMAGE=(\\S+)$").matcher(dockerfile);
    assertThat(base.find()).isTrue();
    assertThat(base.group(1)).matches("[^:@]+(:[^:]+|@sha256:[0-9a-f]{64})").doesNotEndWith(":latest");
    assertThat(dockerfile).contains("ENTRYPOINT [\"/usr/local/bin/freeswitch-entrypoint\"]")
        .contains("COPY docker/freeswitch/entrypoint.sh /usr/local/bin/freeswitch-entrypoint")
        .contains("COPY docker/freeswitch/drain.sh /usr/local/bin/freeswitch-drain")
        .containsPattern("(?m)^USER \\$\\{FREESWITCH_UID}");
    assertThat(dockerfile).containsPattern("(?m)^ARG FREESWITCH_UID=[1-9][0-9]*$");
    // fs_cli's own default password is ClueCon; the healthcheck passes the configured one.
    String healthcheck = dockerfile.substring(dockerfile.indexOf("\nHEALTHCHECK "));
    ComposeFileTest.assertFsCliUsesPassword(healthcheck.substring(0, healthcheck.indexOf('\n', healthcheck.indexOf("CMD"))),
        "$FREESWITCH_ESL_PASSWORD");
    assertThat(Repo.read("docker/freeswitch/Dockerfile.dockerignore"))
        .contains("!docker/freeswitch/entrypoint.sh").contains("!docker/freeswitch/drain.sh");

    String entrypoint = Repo.read("docker/freeswitch/entrypoint.sh");
    // Refuses an empty, default or placeholder password, and a second source in vars.d.
    assertThat(entrypoint).contains("FREESWITCH_ESL_PASSWORD").containsPattern("(?m)^\\s*cluecon \\|")
        .contains("change-me*").contains("data=\"esl_password=")
        // writes the one it got into FreeSWITCH's configuration, sorted after every vars.d file
        .contains("zzz-esl-password.xml").contains("<X-PRE-PROCESS cmd=\"set\" data=\"esl_password=$password\"/>")
        .contains("-conf \"$conf\"")
        // and drains on SIGTERM.
        .contains("trap stop TERM").contains("freeswitch-drain");
    // The shipped secrets are placeholders the entrypoint refuses.
    assertThat(Repo.read("k8s/secrets.yaml")).contains("password: change-me-esl");

    String drain = Repo.read("docker/freeswitch/drain.sh");
    assertThat(drain).contains("fsctl pause inbound").contains("show calls count").contains("fsctl shutdown elegant");
    ComposeFileTest.assertFsCliUsesPassword(drain.substring(drain.indexOf("cli() {")), "${FREESWITCH_ESL_PASSWORD:-}");
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
