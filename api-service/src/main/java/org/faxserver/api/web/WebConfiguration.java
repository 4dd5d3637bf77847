package org.faxserver.api.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Clock;

import org.faxserver.api.auth.TenantPrincipalArgumentResolver;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
