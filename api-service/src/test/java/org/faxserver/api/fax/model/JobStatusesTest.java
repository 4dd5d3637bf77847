package org.faxserver.api.fax.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.faxserver.api.shared.model.Violations;
import org.junit.jupiter.api.Test;

class JobStatusesTest {

    @Test
    void onlySucceededFailedAndCancelledAreFinal() {
        assertThat(List.of("SUCCEEDED", "FAILED", "CANCELLED")).allMatch(JobStatuses::isFinal);
        assertThat(List.of("SUBMITTED", "QUEUED", "IN_PROGRESS", "WAITING_RETRY", "SOMETHING_NEW"))
                .noneMatch(JobStatuses::isFinal);
    }

    @Test
    void theFilterAcceptsListsInAnyCaseAndNamesUnknownStatuses() {
        Violations v = new Violations();
        assertThat(JobStatuses.filter(List.of("submitted,failed", "QUEUED"), v))
                .containsExactly("SUBMITTED", "FAILED", "QUEUED");
        JobStatuses.filter(List.of("DONE"), v);
        assertThat(v.asList()).singleElement().satisfies(x -> assertThat(x.message()).startsWith("'DONE' is not one of"));
    }
}
