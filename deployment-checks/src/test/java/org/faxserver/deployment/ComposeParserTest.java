package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml through the real Compose parser (Debian's docker-compose 1.29, which validates
 * without a Docker engine). Fails where the tool is missing, unless TEST_INFRA_REQUIRED=false (scripts/prepare-machine installs it).
 */
class ComposeParserTest {

  private static boolean installed() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, "docker-compose").canExecute()) {
        return true;
      }
    }
    return false;
  }

  private record Result(int exit, String output) {}

  private static Result config(boolean withAdminKey) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of("docker-compose", "-f", Repo.path("docker-compose.yml").toString(),
        "--profile", "observability", "config", "-q"));
    pb.directory(Repo.root().toFile());
    pb.redirectErrorStream(true);
    pb.environment().remove("FAXSERVER_SECURITY_ADMIN_API_KEY");
    pb.environment().remove("COMPOSE_FILE");
    if (withAdminKey) {
      pb.environment().put("FAXSERVER_SECURITY_ADMIN_API_KEY", "deployment-checks");
    }
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("docker-compose config did not finish in 120 s");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void composeAcceptsTheFile() throws Exception {
    requireTool();
    Result r = config(true);
    assertThat(r.exit()).as(r.output()).isZero();
  }

  @Test
  void composeRefusesToStartWithoutAnAdminKey() throws Exception {
    requireTool();
    Result r = config(false);
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("FAXSERVER_SECURITY_ADMIN_API_KEY");
  }

  /** Like the service tests: a missing tool fails the run unless TEST_INFRA_REQUIRED=false. */
  private static void requireTool() {
    if (installed()) {
      return;
    }
    String message = "docker-compose is not installed (scripts/prepare-machine installs Debian's docker-compose)";
    if ("false".equalsIgnoreCase(System.getenv("TEST_INFRA_REQUIRED"))) {
      assumeTrue(false, message);
    }
    throw new AssertionError(message + "; set TEST_INFRA_REQUIRED=false to skip");
  }
}
