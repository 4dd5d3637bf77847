package org.faxserver.observability.amqp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.aopalliance.aop.Advice;
import org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts {@link JobLogAdvice} first in every {@code @RabbitListener} container factory of the service. */
public final class JobLogAdviceInstaller implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof BaseRabbitListenerContainerFactory<?> factory) {
            Advice[] existing = factory.getAdviceChain();
            if (existing == null || Arrays.stream(existing).noneMatch(JobLogAdvice.class::isInstance)) {
                List<Advice> chain = new ArrayList<>();
                chain.add(new JobLogAdvice());
                if (existing != null) {
                    chain.addAll(Arrays.asList(existing));
                }
                factory.setAdviceChain(chain.toArray(Advice[]::new));
            }
        }
        return bean;
    }
}
