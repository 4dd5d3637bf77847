package org.faxserver.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SecurityPropertiesTest {
    @Configuration
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void refusesToStartWithoutAnAdminKey() {
        runner.run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("FAXSERVER_SECURITY_ADMIN_API_KEY"));
    }

    @Test
    void refusesToStartWithABlankAdminKey() {
        runner.withPropertyValues("faxserver.security.admin-api-key=   ")
                .run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void refusesToStartWithAnAdminKeyShorterThan32Characters() {
        runner.withPropertyValues("faxserver.security.admin-api-key=" + "k".repeat(31))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("FAXSERVER_SECURITY_ADMIN_API_KEY")
                        .hasMessageContaining("at least 32")
                        .hasMessageNotContaining("kkkk"));
    }

    @Test
    void startsWithAKeyAndDefaults() {
        String key = "k".repeat(32);
        runner.withPropertyValues("faxserver.security.admin-api-key=" + key).run(ctx -> {
            SecurityProperties p = ctx.getBean(SecurityProperties.class);
            assertThat(p.bcryptStrength()).isEqualTo(10);
            assertThat(p.authThrottle().maxFailures()).isEqualTo(5);
            assertThat(p.toString()).doesNotContain(key);
        });
    }
}
