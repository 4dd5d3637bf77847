package org.faxserver.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@RequiresInfrastructure
class TestInfrastructureTest {

    @Test
    void givesEachCallerItsOwnEmptyDatabase(TestInfrastructure infrastructure) throws Exception {
        PostgresDatabase first = infrastructure.newDatabase("a");
        PostgresDatabase second = infrastructure.newDatabase("b");
        assertThat(first.name()).isNotEqualTo(second.name());

        try (java.sql.Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id int)");
        }
        try (java.sql.Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void sameDatabaseIsInjectedWithinOneTestClass(PostgresDatabase database, TestInfrastructure infrastructure) {
        assertThat(database.name()).startsWith("fxt_");
        assertThat(database.r2dbcUrl()).startsWith("r2dbc:postgresql://").endsWith("/" + database.name());
    }

    @Test
    void brokerCarriesAMessage(RabbitBroker broker) throws Exception {
        try (Connection connection = broker.newConnection(); Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue(); // server-named, exclusive: no clash with other tests
            channel.basicPublish("", queue, null, "ping".getBytes(StandardCharsets.UTF_8));
            GetResponse response = null;
            for (int i = 0; i < 50 && response == null; i++) {
                response = channel.basicGet(queue, true);
                if (response == null) {
                    Thread.sleep(20);
                }
            }
            assertThat(response).isNotNull();
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("ping");
        }
    }
}
