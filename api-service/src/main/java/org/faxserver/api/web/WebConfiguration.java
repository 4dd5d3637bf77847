package org.faxserver.api.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import org.faxserver.api.auth.TenantPrincipalArgumentResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import reactor.core.publisher.Hooks;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);
    private static final Logger REACTOR_DROPPED = LoggerFactory.getLogger("reactor.core.publisher.Operators");
    private static final AtomicBoolean DROPPED_HOOK_INSTALLED = new AtomicBoolean();

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new TenantPrincipalArgumentResolver());
    }

    /** One limit for JSON bodies: applied last so it wins over spring.codec.max-in-memory-size. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer requestBodyLimit(WebProperties props) {
        return configurer -> configurer.defaultCodecs()
                .maxInMemorySize((int) Math.min(Integer.MAX_VALUE, props.maxRequestBodySize().toBytes()));
    }

    /**
     * A number or boolean where text is expected is refused (400 naming the field) instead of being turned into text:
     * {@code {"number": 12505551234}} is as much a mistake as a typo in a field name.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer noNumbersOrBooleansAsText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * A malformed request body (a truncated multipart upload, say) is answered 400, but the decoder's error can also
     * reach Reactor after the exchange has failed, where it is "dropped" and logged as an ERROR with a stack trace.
     * Those are the client's mistakes, so they are logged at DEBUG; anything else dropped stays an ERROR.
     */
    @Bean
    SmartInitializingSingleton clientErrorsDroppedQuietly() {
        return () -> {
            // Reactor chains every hook it is given, and a JVM may hold several contexts (tests, standalone).
            if (DROPPED_HOOK_INSTALLED.compareAndSet(false, true)) {
                Hooks.onErrorDropped(WebConfiguration::logDropped);
            }
        };
    }

    private static void logDropped(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DecodingException) {
                log.debug("a malformed request body failed again after its answer: {}", error.toString());
                return;
            }
        }
        REACTOR_DROPPED.error("Operator called default onErrorDropped", error); // as Reactor itself logs it
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
