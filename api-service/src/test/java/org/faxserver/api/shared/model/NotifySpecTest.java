package org.faxserver.api.shared.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifySpecTest {
    @ParameterizedTest
    @ValueSource(strings = {"email_report->a@x.test", "email_report->a@x.test;b@y.test, webhook->https://h.test/n"})
    void theSeedsGrammarIsAccepted(String spec) {
        Violations v = new Violations();
        assertThat(NotifySpec.validate("notify", spec, v)).isEqualTo(spec.strip());
        assertThat(v.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email_report", "->a@x.test", "email_report->", "a->b,,c->d", "Bad Type->x"})
    void malformedSpecsAreRejectedInsteadOfSilentlyIgnored(String spec) {
        // The seed swallowed the parse error and dropped every notification.
        Violations v = new Violations();
        NotifySpec.validate("notify", spec, v);
        assertThat(v.asList()).extracting(Violation::field).containsExactly("notify");
    }
}
