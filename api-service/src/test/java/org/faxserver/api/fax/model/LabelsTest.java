package org.faxserver.api.fax.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.faxserver.api.shared.model.Violation;
import org.faxserver.api.shared.model.Violations;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void theJsonObjectAndKeyValuePairsCombine() {
        Violations v = new Violations();
        assertThat(Labels.of(Map.of("invoice", "4711"), List.of("dept=billing", "note=a=b"), v))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("dept", "billing", "invoice", "4711",
                        "note", "a=b")));
        assertThat(v.isEmpty()).isTrue();
    }

    @Test
    void aKeyGivenTwiceIsAViolation() {
        Violations v = new Violations();
        Labels.of(Map.of("dept", "a"), List.of("dept=b"), v);
        assertThat(v.asList()).extracting(Violation::message).containsExactly("label 'dept' is given twice");
    }

    @Test
    void malformedPairsAndKeysAreViolationsOfTheFieldUsed() {
        Violations v = new Violations();
        Labels.of(Map.of("bad key", "x"), List.of("novalue"), v);
        assertThat(v.asList()).extracting(Violation::field).containsExactlyInAnyOrder("labels", "label");
    }

    @Test
    void moreThanTheMaximumIsAViolation() {
        Violations v = new Violations();
        List<String> pairs = java.util.stream.IntStream.rangeClosed(0, Labels.MAX_LABELS)
                .mapToObj(i -> "k" + i + "=v").toList();
        Labels.of(null, pairs, v);
        assertThat(v.asList()).extracting(Violation::message).containsExactly("at most 20 labels");
    }
}
