package org.faxserver.gateway.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.faxserver.esl.EslInboundClient;
import org.faxserver.gateway.send.adapter.amqp.CallKillListener;
import org.faxserver.gateway.send.adapter.amqp.ConsumerGate;
import org.faxserver.gateway.send.adapter.amqp.DialSettingsListener;
import org.faxserver.gateway.send.adapter.amqp.OriginateListener;
import org.faxserver.gateway.send.application.SendingFaxes;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.messaging.Exchanges;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's AMQP topology and consumers. Queues carry no RabbitMQ-only arguments unless
 * {@code faxserver.messaging.quorum-queues} is set, so the same topology works on the embedded broker
 * (decision 0004).
 *
 * <ul>
 *   <li>{@code fax.commands} / {@code fax.events}: durable topic exchanges (everyone who uses them
 *       declares them).</li>
 *   <li>{@code esl-gateway.fax.originate} (configurable): durable, shared by every gateway, bound with
 *       {@code fax.originate} (configurable for test isolation); its consumer is started and stopped
 *       by the {@link ConsumerGate}. Manual acks; unreadable commands go to {@code <queue>.parking}.</li>
 *   <li>{@code esl-gateway.call.kill.<instance>}: exclusive, auto-delete, bound to {@code fax.events}
 *       with {@code call.kill}, so every instance hears every kill.</li>
 *   <li>{@code esl-gateway.dial-settings.<instance>}: exclusive, auto-delete, bound to {@code fax.events}
 *       with {@code fallback.changed} and {@code override.changed}, mirrored into this node's mod_db.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  Declarables gatewayTopology(GatewayProperties gateway, MessagingProperties messaging, Queue callKillQueue) {
    TopicExchange commands = new TopicExchange(Exchanges.FAX_COMMANDS, true, false);
    TopicExchange events = new TopicExchange(Exchanges.FAX_EVENTS, true, false);
    Map<String, Object> args = messaging.quorumQueues() ? Map.of("x-queue-type", "quorum") : Map.of();
    Queue originate = new Queue(gateway.originateQueue(), true, false, false, new HashMap<>(args));
    Queue parking = new Queue(parkingQueue(gateway), true, false, false, new HashMap<>(args));
    Binding originateBinding = BindingBuilder.bind(originate).to(commands).with(gateway.originateRoutingKey());
    Binding killBinding = BindingBuilder.bind(callKillQueue).to(events).with(CallKillListener.CALL_KILL);
    return new Declarables(commands, events, originate, parking, originateBinding, killBinding);
  }

  @Bean
  Queue callKillQueue() {
    return new Queue("esl-gateway.call.kill." + UUID.randomUUID(), false, true, true);
  }

  /** The originate consumer; its container is not a bean, so only the gate starts it. */
  @Bean
  ConsumerGate originateGate(ConnectionFactory connectionFactory, GatewayProperties gateway, FreeSwitchProperties fs,
      MessagingProperties messaging, SendingFaxes sending, RabbitTemplate rabbitTemplate) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
    container.setQueueNames(gateway.originateQueue());
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    // Never hold more commands than the node has channels for; the gate closes at zero free channels.
    int consumers = Math.min(gateway.consumers(), fs.maxChannels());
    container.setConcurrentConsumers(consumers);
    container.setPrefetchCount(Math.max(1, Math.min(gateway.prefetch(), fs.maxChannels() / consumers)));
    container.setDefaultRequeueRejected(true);
    // The gate stops the consumers whenever the last channel is taken: a consumer still waiting for FreeSWITCH's
    // replies must be let finish (and ack), not have its channel closed under it (the command would be redelivered
    // and dialled a second time).
    container.setShutdownTimeout(fs.commandTimeout().multipliedBy(2).plusSeconds(1).toMillis());
    container.setAutoStartup(false);
    container.setMessageListener(new OriginateListener(sending, rabbitTemplate, parkingQueue(gateway),
        messaging.maxDeliveries()));
    container.afterPropertiesSet();
    ConsumerGate gate = new ConsumerGate(container);
    sending.intakeControl(gate);
    gate.condition(sending::acceptsWork);
    return gate;
  }

  @Bean
  SimpleMessageListenerContainer callKillContainer(ConnectionFactory connectionFactory, Queue callKillQueue,
      SendingFaxes sending) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
    container.setQueues(callKillQueue);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO); // a kill is idempotent; a lost one is bounded by the watchdog
    container.setMessageListener(new CallKillListener(sending));
    return container;
  }

  /** This node's own queue of fallback/override changes: every node mirrors them into its mod_db. */
  @Bean
  Queue dialSettingsQueue() {
    return new Queue("esl-gateway.dial-settings." + UUID.randomUUID(), false, true, true);
  }

  @Bean
  Declarables dialSettingsBindings(Queue dialSettingsQueue) {
    TopicExchange events = new TopicExchange(Exchanges.FAX_EVENTS, true, false);
    return new Declarables(
        BindingBuilder.bind(dialSettingsQueue).to(events).with(FallbackChange.CHANGED_TYPE),
        BindingBuilder.bind(dialSettingsQueue).to(events).with(OverrideChange.CHANGED_TYPE));
  }

  @Bean
  SimpleMessageListenerContainer dialSettingsContainer(ConnectionFactory connectionFactory, Queue dialSettingsQueue,
      EslInboundClient eslClient, FreeSwitchProperties fs, Clock clock) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
    container.setQueues(dialSettingsQueue);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    container.setMessageListener(new DialSettingsListener(eslClient, fs.commandTimeout(), clock));
    return container;
  }

  private static String parkingQueue(GatewayProperties gateway) {
    return gateway.originateQueue() + ".parking";
  }
}
