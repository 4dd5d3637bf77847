package org.faxserver.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain decisions are plain Java (DESIGN §2): listeners translate, the model decides. */
class ArchitectureTest {

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.faxserver.gateway");

  @Test
  void modelDependsOnNoFrameworkNoTransportAndNoAdapter() {
    noClasses().that().resideInAPackage("..send.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.rabbitmq..",
            "io.netty..", "org.faxserver.esl..", "..application..", "..adapter..", "..config..")
        .check(PRODUCTION);
  }

  @Test
  void applicationDependsOnNoFrameworkAndNoAdapter() {
    noClasses().that().resideInAPackage("..send.application..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.rabbitmq..",
            "io.netty..", "org.faxserver.esl..", "..adapter..", "..config..")
        .check(PRODUCTION);
  }

  @Test
  void receivingModelDependsOnNoFrameworkNoTransportAndNoAdapter() {
    noClasses().that().resideInAPackage("..receive.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.rabbitmq..",
            "io.netty..", "org.faxserver.esl..", "..application..", "..adapter..", "..config..")
        .check(PRODUCTION);
  }

  @Test
  void receivingApplicationDependsOnNoFrameworkAndNoAdapter() {
    noClasses().that().resideInAPackage("..receive.application..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.rabbitmq..",
            "io.netty..", "org.faxserver.esl..", "..adapter..", "..config..")
        .check(PRODUCTION);
  }
}
