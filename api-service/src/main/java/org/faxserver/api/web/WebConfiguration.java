package org.faxserver.api.web;

import java.time.Clock;

import org.faxserver.api.auth.TenantPrincipalArgumentResolver;
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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
