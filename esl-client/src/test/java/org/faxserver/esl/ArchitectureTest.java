package org.faxserver.esl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** esl-client is a plain library: the services wire it with Spring, never the other way round. */
class ArchitectureTest {

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.faxserver.esl");

  @Test
  void eslClientDependsOnNoSpringAndNoAmqp() {
    noClasses().that().resideInAPackage("org.faxserver.esl..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.springframework.amqp..",
            "com.rabbitmq..", "org.apache.qpid..", "..amqp..")
        .check(PRODUCTION);
  }

  @Test
  void codecDoesNotDependOnTheClientOrServer() {
    noClasses().that().resideInAPackage("org.faxserver.esl.codec..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("EslInboundClient")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("EslOutboundServer")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("OutboundSession")
        .check(PRODUCTION);
  }
}
