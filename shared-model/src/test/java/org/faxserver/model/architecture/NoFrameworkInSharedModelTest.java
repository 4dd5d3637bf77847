package org.faxserver.model.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * shared-model is on every service's classpath, including plain domain code: it must stay free of
 * Spring, AMQP and R2DBC so depending on it never drags a framework in.
 */
@AnalyzeClasses(packages = "org.faxserver.model", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInSharedModelTest {

  @ArchTest
  static final ArchRule noSpring =
      noClasses()
          .that().resideInAPackage("org.faxserver.model..")
          .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
          .as("shared-model does not depend on Spring");

  @ArchTest
  static final ArchRule noAmqp =
      noClasses()
          .that().resideInAPackage("org.faxserver.model..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
          .as("shared-model does not depend on AMQP clients");

  @ArchTest
  static final ArchRule noR2dbc =
      noClasses()
          .that().resideInAPackage("org.faxserver.model..")
          .should().dependOnClassesThat().resideInAnyPackage("io.r2dbc..")
          .as("shared-model does not depend on R2DBC");
}
