package org.faxserver.api.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.faxserver.api.architecture.fixture.model.LeakyModel;
import org.junit.jupiter.api.Test;

/** The guard is not vacuous: a model class that uses Spring makes it fail. */
class ModelRuleFailsOnSpringTest {
    @Test
    void theRuleRejectsAModelClassUsingSpring() {
        var classes = new ClassFileImporter().importClasses(LeakyModel.class);
        assertThatThrownBy(() -> ModelIsPlainJavaTest.MODEL_HAS_NO_FRAMEWORK.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyModel");
    }
}
