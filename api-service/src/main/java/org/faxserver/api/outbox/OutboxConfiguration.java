package org.faxserver.api.outbox;

import org.faxserver.model.messaging.Exchanges;
import org.faxserver.support.Outbox;
import org.faxserver.support.OutboxProperties;
import org.faxserver.support.OutboxRelay;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** api-service's transactional outbox ({@code api.outbox}, faxserver.outbox.*), relayed by service-support's relay. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    /** Declared (idempotently) by RabbitAdmin on first connection; durable topic exchange of DESIGN §3. */
    @Bean
    TopicExchange faxEventsExchange() {
        return new TopicExchange(Exchanges.FAX_EVENTS, true, false);
    }

    /** Commands such as {@code job.cancel} go here (decision 0004); declared so the relay never hits a missing exchange. */
    @Bean
    TopicExchange faxCommandsExchange() {
        return new TopicExchange(Exchanges.FAX_COMMANDS, true, false);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, RabbitTemplate rabbit, OutboxProperties props) {
        return new OutboxRelay(db, rabbit, props);
    }

    @Bean
    Outbox outbox(DatabaseClient db, OutboxProperties props, OutboxRelay relay) {
        return new Outbox(db, props.table(), relay);
    }
}
