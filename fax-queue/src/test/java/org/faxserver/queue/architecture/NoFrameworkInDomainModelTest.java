package org.faxserver.queue.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * fax-queue's decisions live in {@code ..model..} packages as plain Java: no Spring, AMQP, R2DBC,
 * Reactor or resilience4j, and no reach into the application or adapter layers, so every rule is
 * unit-tested without a framework. (Seen failing once with a Spring import in {@code RetryPolicy}.)
 */
@AnalyzeClasses(packages = "org.faxserver.queue", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainModelTest {

  @ArchTest
  static final ArchRule modelIsPlainJava =
      noClasses()
          .that().resideInAPackage("org.faxserver.queue..model..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "com.rabbitmq..", "io.r2dbc..", "reactor..",
              "io.github.resilience4j..", "org.faxserver.support..")
          .as("domain model does not depend on frameworks");

  @ArchTest
  static final ArchRule modelDoesNotReachOutward =
      noClasses()
          .that().resideInAPackage("org.faxserver.queue..model..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.faxserver.queue..application..", "org.faxserver.queue..adapter..")
          .as("domain model does not depend on application or adapters");
}
