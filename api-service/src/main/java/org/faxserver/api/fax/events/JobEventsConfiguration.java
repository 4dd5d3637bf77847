package org.faxserver.api.fax.events;

import org.faxserver.model.messaging.RoutingKeys;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every api-service instance hears every {@code job.status} and {@code attempt.progress} on its own
 * server-named, exclusive, auto-delete queue (decision 0004): an SSE client may be connected to any
 * instance, and the queue disappears with the instance.
 */
@Configuration(proxyBeanMethods = false)
class JobEventsConfiguration {

    /** Empty name: the broker names it; RabbitAdmin records the actual name on each (re)declaration. */
    @Bean
    Queue jobEventsQueue() {
        return new Queue("", false, true, true);
    }

    @Bean
    Binding jobStatusBinding(@Qualifier("jobEventsQueue") Queue queue,
                             @Qualifier("faxEventsExchange") TopicExchange faxEvents) {
        return BindingBuilder.bind(queue).to(faxEvents).with(RoutingKeys.JOB_STATUS);
    }

    @Bean
    Binding attemptProgressBinding(@Qualifier("jobEventsQueue") Queue queue,
                                   @Qualifier("faxEventsExchange") TopicExchange faxEvents) {
        return BindingBuilder.bind(queue).to(faxEvents).with(RoutingKeys.ATTEMPT_PROGRESS);
    }

    @Bean
    JobEventHub jobEventHub() {
        return new JobEventHub();
    }

    @Bean
    JobEventStreams jobEventStreams(JobEventHub hub) {
        return new JobEventStreams(hub);
    }

    @Bean
    SimpleMessageListenerContainer jobEventsContainer(ConnectionFactory connections,
                                                      @Qualifier("jobEventsQueue") Queue queue, JobEventHub hub) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        // setQueues (not names): the container must read the broker-given name at (re)start.
        container.setQueues(queue);
        container.setMessageListener(new JobEventsListener(hub));
        // Informational events: losing one on a crash is fine, so no acks to wait for.
        container.setAcknowledgeMode(AcknowledgeMode.NONE);
        // After a reconnect the queue is re-declared under a new name; the old one is briefly missing.
        container.setMissingQueuesFatal(false);
        // One consumer keeps per-job order and makes the hub's emitter single-threaded.
        container.setConcurrentConsumers(1);
        return container;
    }
}
