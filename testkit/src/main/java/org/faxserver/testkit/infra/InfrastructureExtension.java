package org.faxserver.testkit.infra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 side of {@link RequiresInfrastructure}: checks the services before the class runs and injects them. */
public final class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InfrastructureExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestInfrastructure.class || type == PostgresDatabase.class || type == RabbitBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        if (type == PostgresDatabase.class) {
            // One database per test class, so methods of a class can share state deliberately.
            ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                    ? context.getParent().orElse(context) : context;
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("database",
                    key -> infrastructure.newDatabase(classContext.getRequiredTestClass().getSimpleName()),
                    PostgresDatabase.class);
        }
        if (type == RabbitBroker.class) {
            return infrastructure.rabbit();
        }
        return infrastructure;
    }
}
