package org.faxserver.observability.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.aop.framework.ProxyFactory;

class JobLogAdviceTest {

    interface Listener {
        void handle(Object channel, Message message);
    }

    @Test
    void theEnvelopesCorrelationIdIsInTheLoggingContextWhileTheMessageIsHandled() {
        AtomicReference<String> seen = new AtomicReference<>();
        Listener listener = advised((channel, message) -> seen.set(MDC.get("jobId")));
        String json = "{\"messageId\":\"m\",\"type\":\"job.routed\",\"payload\":{\"correlationId\":\"inner\"},"
                + "\"correlationId\":\"job-42\"}";

        listener.handle(null, message(json));

        assertThat(seen.get()).isEqualTo("job-42");
        assertThat(MDC.get("jobId")).isNull();
    }

    @Test
    void messagesWithoutACorrelationIdOrUnreadableOnesAreHandledWithoutOne() {
        AtomicReference<String> seen = new AtomicReference<>("unset");
        Listener listener = advised((channel, message) -> seen.set(MDC.get("jobId")));
        listener.handle(null, message("{\"correlationId\":null}"));
        assertThat(seen.get()).isNull();
        listener.handle(null, message("not json at all"));
        assertThat(seen.get()).isNull();
    }

    @Test
    void theInstallerPutsTheAdviceFirstOnce() {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setAdviceChain((org.aopalliance.intercept.MethodInterceptor) invocation -> invocation.proceed());
        JobLogAdviceInstaller installer = new JobLogAdviceInstaller();
        installer.postProcessAfterInitialization(factory, "factory");
        installer.postProcessAfterInitialization(factory, "factory");
        assertThat(factory.getAdviceChain()).hasSize(2);
        assertThat(factory.getAdviceChain()[0]).isInstanceOf(JobLogAdvice.class);
    }

    private static Listener advised(Listener target) {
        ProxyFactory proxy = new ProxyFactory(target);
        proxy.addInterface(Listener.class);
        proxy.addAdvice(new JobLogAdvice());
        return (Listener) proxy.getProxy();
    }

    private static Message message(String json) {
        return new Message(json.getBytes(StandardCharsets.UTF_8), new MessageProperties());
    }
}
