package org.faxserver.testkit.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL and RabbitMQ in containers, started once per JVM and stopped by Testcontainers' reaper. */
final class ContainerServices {

    private ContainerServices() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives for the whole JVM
    static ServiceAddresses start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:15-alpine"))
                .withDatabaseName("postgres").withUsername("faxserver").withPassword("faxserver");
        RabbitMQContainer rabbit = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"));
        postgres.start();
        rabbit.start();
        return new ServiceAddresses(
                postgres.getHost(), postgres.getMappedPort(5432), "postgres", postgres.getUsername(), postgres.getPassword(),
                new RabbitBroker(rabbit.getHost(), rabbit.getAmqpPort(), rabbit.getAdminUsername(), rabbit.getAdminPassword()));
    }
}
