package org.faxserver.testkit.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the real PostgreSQL and RabbitMQ. Test methods and constructors may then
 * take a {@link PostgresDatabase} (a fresh database per test class), a {@link RabbitBroker} or the
 * {@link TestInfrastructure} as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(InfrastructureExtension.class)
public @interface RequiresInfrastructure {
}
