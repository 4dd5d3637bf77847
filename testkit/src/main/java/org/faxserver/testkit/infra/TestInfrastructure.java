package org.faxserver.testkit.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real PostgreSQL and RabbitMQ for tests: Testcontainers when a Docker engine is present, otherwise the
 * local services named by environment variables ({@code FAXSERVER_TEST_POSTGRES_HOST/PORT/DATABASE/USER/PASSWORD},
 * {@code SPRING_RABBITMQ_HOST/PORT/USERNAME/PASSWORD}; defaults: 127.0.0.1, postgres without password,
 * guest/guest).
 *
 * <p>Services are required by default: a missing one fails the test with a message saying which and
 * where. Only {@code TEST_INFRA_REQUIRED=false} turns that into a skipped (aborted) test, so a build
 * never passes by silently skipping its integration tests.
 *
 * <p>Isolation on shared local services: every {@link #newDatabase} is a fresh database with a unique
 * name, dropped when the JVM exits (and swept after {@value #STALE_HOURS} hours if a JVM died).
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String DATABASE_PREFIX = "fxt_";
    private static final int STALE_HOURS = 6;

    private static TestInfrastructure instance;
    private static RuntimeException startFailure;

    private final ServiceAddresses services;
    private final List<String> createdDatabases = new ArrayList<>();

    private TestInfrastructure(ServiceAddresses services) {
        this.services = services;
    }

    /**
     * The services for this JVM, checked once. Fails (or, with {@code TEST_INFRA_REQUIRED=false}, aborts the
     * test) when they cannot be reached.
     */
    public static synchronized TestInfrastructure get() {
        Settings settings = new Settings();
        if (instance == null && startFailure == null) {
            try {
                instance = start(settings);
            } catch (RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            if (settings.getBoolean("TEST_INFRA_REQUIRED", true)) {
                throw new IllegalStateException("Test infrastructure is required but not available: "
                        + startFailure.getMessage() + ". Start PostgreSQL and RabbitMQ (see .ci/run) or set "
                        + "TEST_INFRA_REQUIRED=false to skip these tests.", startFailure);
            }
            throw new TestAbortedException("test infrastructure not available: " + startFailure.getMessage());
        }
        return instance;
    }

    /**
     * For {@code @DynamicPropertySource}: a fresh database plus the broker, as Spring Boot properties
     * ({@code spring.r2dbc.*}, {@code spring.flyway.*}, {@code spring.datasource.*}, {@code spring.rabbitmq.*}).
     */
    public static void registerSpringProperties(DynamicPropertyRegistry registry) {
        TestInfrastructure infrastructure = get();
        PostgresDatabase database = infrastructure.newDatabase("ctx");
        RabbitBroker rabbit = infrastructure.rabbit();
        registry.add("spring.r2dbc.url", database::r2dbcUrl);
        registry.add("spring.r2dbc.username", database::username);
        registry.add("spring.r2dbc.password", database::password);
        registry.add("spring.flyway.url", database::jdbcUrl);
        registry.add("spring.flyway.user", database::username);
        registry.add("spring.flyway.password", database::password);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.rabbitmq.host", rabbit::host);
        registry.add("spring.rabbitmq.port", rabbit::port);
        registry.add("spring.rabbitmq.username", rabbit::username);
        registry.add("spring.rabbitmq.password", rabbit::password);
    }

    public RabbitBroker rabbit() {
        return services.rabbit();
    }

    /** A new, empty database owned by the test login; {@code purpose} only makes its name readable. */
    public synchronized PostgresDatabase newDatabase(String purpose) {
        String name = DATABASE_PREFIX + Instant.now().getEpochSecond() + "_"
                + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        execute("CREATE DATABASE " + name);
        createdDatabases.add(name);
        return new PostgresDatabase(services.postgresHost(), services.postgresPort(), name,
                services.postgresUser(), services.postgresPassword());
    }

    private static TestInfrastructure start(Settings settings) {
        InfrastructureMode mode = InfrastructureMode.fromEnvironment(settings);
        ServiceAddresses services = mode == InfrastructureMode.TESTCONTAINERS
                ? ContainerServices.start()
                : ServiceAddresses.local(settings);
        TestInfrastructure infrastructure = new TestInfrastructure(services);
        infrastructure.checkPostgres();
        infrastructure.checkRabbit();
        infrastructure.dropStaleDatabases();
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::dropCreatedDatabases, "drop-test-databases"));
        log.info("Test infrastructure ({}): PostgreSQL {}:{}, RabbitMQ {}:{}", mode, services.postgresHost(),
                services.postgresPort(), services.rabbit().host(), services.rabbit().port());
        return infrastructure;
    }

    private void checkPostgres() {
        try (Connection ignored = adminConnection()) {
            // reachable and the credentials work
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + services.postgresHost() + ":" + services.postgresPort()
                    + " as '" + services.postgresUser() + "': " + e.getMessage(), e);
        }
    }

    private void checkRabbit() {
        try (com.rabbitmq.client.Connection ignored = services.rabbit().newConnection()) {
            // reachable and the credentials work
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ: " + e.getMessage(), e);
        }
    }

    private void dropStaleDatabases() {
        long cutoff = Instant.now().minus(Duration.ofHours(STALE_HOURS)).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (createdAt(name) < cutoff) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            log.warn("Could not list stale test databases: {}", e.getMessage());
        }
        stale.forEach(this::dropQuietly);
    }

    private static long createdAt(String databaseName) {
        try {
            return Long.parseLong(databaseName.split("_")[1]);
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // not one of ours: leave it alone
        }
    }

    private synchronized void dropCreatedDatabases() {
        createdDatabases.forEach(this::dropQuietly);
    }

    private void dropQuietly(String name) {
        try {
            // FORCE: pools of Spring contexts that are still cached at JVM exit hold connections.
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            log.debug("Could not drop test database {}: {}", name, e.getMessage());
        }
    }

    private void execute(String sql) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private Connection adminConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", services.postgresUser());
        properties.setProperty("password", services.postgresPassword());
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + services.postgresHost() + ":"
                + services.postgresPort() + "/" + services.postgresAdminDatabase(), properties);
    }
}
