package org.faxserver.notifier.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Domain decisions are plain Java: no Spring, AMQP, R2DBC, Reactor or mail types in model packages. */
@AnalyzeClasses(packages = "org.faxserver.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainModelTest {

  @ArchTest
  static final ArchRule modelIsPlainJava = noClasses()
      .that().resideInAnyPackage("..model..", "org.faxserver.notifier.webhook..", "org.faxserver.notifier.report..")
      .and().doNotHaveSimpleName("WebhookChannel")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "io.r2dbc..",
          "com.rabbitmq..", "jakarta.mail..");
}
