package org.faxserver.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Domain decisions stay plain Java: no Spring, R2DBC, AMQP or Reactor in any {@code ..model..} package. */
class ModelIsPlainJavaTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.faxserver.api");

    static final ArchRule MODEL_HAS_NO_FRAMEWORK = noClasses().that().resideInAPackage("org.faxserver.api..model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "io.r2dbc..", "org.springframework.amqp..", "com.rabbitmq..",
                    "reactor..", "io.netty..")
            .because("domain rules must be unit-testable without a framework (DESIGN.md §2)");

    static final ArchRule MODEL_DOES_NOT_USE_ADAPTERS = noClasses().that().resideInAPackage("org.faxserver.api..model..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.faxserver.api..model..",
                    "org.faxserver.model..", "java..", "javax..")
            .because("model code depends only on other model code, shared-model and the JDK");

    @Test
    void modelPackagesHaveNoFrameworkDependencies() {
        MODEL_HAS_NO_FRAMEWORK.check(CLASSES);
    }

    @Test
    void modelPackagesDependOnlyOnModelCode() {
        MODEL_DOES_NOT_USE_ADAPTERS.check(CLASSES);
    }
}
