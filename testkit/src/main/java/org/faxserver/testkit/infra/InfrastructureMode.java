package org.faxserver.testkit.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the tests' PostgreSQL and RabbitMQ come from, chosen by {@code FAXSERVER_TEST_INFRA}:
 * {@code testcontainers}, {@code local}, or {@code auto} (the default: Testcontainers when a Docker
 * engine is reachable, otherwise the local services).
 */
enum InfrastructureMode {
    TESTCONTAINERS, LOCAL;

    static InfrastructureMode fromEnvironment(Settings settings) {
        String value = settings.get("FAXSERVER_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
        switch (value) {
            case "testcontainers":
                return TESTCONTAINERS;
            case "local":
                return LOCAL;
            case "auto":
                return dockerLooksAvailable(settings) && ContainerServices.dockerAvailable() ? TESTCONTAINERS : LOCAL;
            default:
                throw new IllegalStateException("FAXSERVER_TEST_INFRA must be testcontainers, local or auto, not '" + value + "'");
        }
    }

    // Cheap pre-check so machines without Docker skip Testcontainers' probe (about 1 s and an ERROR log line).
    private static boolean dockerLooksAvailable(Settings settings) {
        return settings.get("DOCKER_HOST", null) != null || Files.exists(Path.of("/var/run/docker.sock"));
    }
}
