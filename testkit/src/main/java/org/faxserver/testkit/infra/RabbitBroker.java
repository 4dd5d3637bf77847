package org.faxserver.testkit.infra;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The RabbitMQ broker tests talk to. It is shared: tests use unique queue names and filter by their own ids. */
public record RabbitBroker(String host, int port, String username, String password) {

    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout(5_000);
        return factory;
    }

    /** A new AMQP connection; the caller closes it. */
    public Connection newConnection() {
        try {
            return connectionFactory().newConnection("faxserver-test");
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to RabbitMQ at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }
}
