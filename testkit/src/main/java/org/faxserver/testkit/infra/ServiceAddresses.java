package org.faxserver.testkit.infra;

/** Where PostgreSQL (an administrative login that may create databases) and RabbitMQ are. */
record ServiceAddresses(String postgresHost, int postgresPort, String postgresAdminDatabase,
                        String postgresUser, String postgresPassword, RabbitBroker rabbit) {

    static ServiceAddresses local(Settings settings) {
        return new ServiceAddresses(
                settings.get("FAXSERVER_TEST_POSTGRES_HOST", "127.0.0.1"),
                settings.getInt("FAXSERVER_TEST_POSTGRES_PORT", 5432),
                settings.get("FAXSERVER_TEST_POSTGRES_DATABASE", "postgres"),
                settings.get("FAXSERVER_TEST_POSTGRES_USER", "postgres"),
                settings.get("FAXSERVER_TEST_POSTGRES_PASSWORD", ""),
                new RabbitBroker(
                        settings.get("SPRING_RABBITMQ_HOST", "127.0.0.1"),
                        settings.getInt("SPRING_RABBITMQ_PORT", 5672),
                        settings.get("SPRING_RABBITMQ_USERNAME", "guest"),
                        settings.get("SPRING_RABBITMQ_PASSWORD", "guest")));
    }
}
