package org.faxserver.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.messaging.MessageSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire contract: each message's JSON is pinned in {@code src/test/resources/golden/}. A failing
 * test here means consumers in other services would see different JSON; change the golden file only
 * together with a deliberate contract change (and a VERSION bump if it is incompatible).
 */
class GoldenMessagesTest {

  private final ObjectMapper mapper = MessageJson.mapper();

  static List<Sample> samples() {
    return MessageSamples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void serialisesToGoldenJson(Sample sample) throws IOException {
    JsonNode written = mapper.readTree(MessageJson.write(sample.envelope()));

    assertThat(written).isEqualTo(golden(sample.file()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void deserialisesGoldenJsonToTheRecord(Sample sample) throws IOException {
    Envelope<?> read = MessageJson.read(mapper.writeValueAsBytes(golden(sample.file())), sample.payloadType());

    assertThat(read).isEqualTo(sample.envelope());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void ignoresFieldsAddedByNewerProducers(Sample sample) throws IOException {
    ObjectNode tree = (ObjectNode) golden(sample.file());
    tree.put("addedLater", "x");
    ObjectNode payload = (ObjectNode) tree.get("payload");
    payload.put("addedLater", 42);
    payload.putObject("addedObject").put("nested", true);

    Envelope<?> read = MessageJson.read(mapper.writeValueAsBytes(tree), sample.payloadType());

    assertThat(read).isEqualTo(sample.envelope());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void readKnownPicksThePayloadClassFromTheType(Sample sample) throws IOException {
    Envelope<?> read = MessageJson.readKnown(mapper.writeValueAsBytes(golden(sample.file())));

    assertThat(read.payload()).isInstanceOf(sample.payloadType());
    assertThat(read).isEqualTo(sample.envelope());
  }

  @Test
  void jobCompletedFromAProducerWithoutTheDocumentFieldReadsWithoutADocument() throws IOException {
    ObjectNode tree = (ObjectNode) golden("job.completed.json");
    ((ObjectNode) tree.get("payload")).remove("document");

    Envelope<JobCompleted> read = MessageJson.read(mapper.writeValueAsBytes(tree), JobCompleted.class);

    assertThat(read.payload().document()).isNull();
    assertThat(read.payload().attempts()).hasSize(2);
  }

  @Test
  void everyMessageTypeHasAGoldenSample() {
    Set<Class<?>> sampled = samples().stream().map(Sample::payloadType).collect(Collectors.toSet());

    assertThat(sampled).containsExactlyInAnyOrderElementsOf(Set.copyOf(MessageTypes.all().values()));
  }

  @Test
  void everyGoldenFileIsUsed() throws IOException {
    Set<String> used = samples().stream().map(Sample::file).collect(Collectors.toSet());
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/golden"))) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(used::contains);
    }
  }

  @Test
  void sampleEnvelopeTypesMatchTheirPayloadClass() {
    Map<String, Class<?>> types = MessageTypes.all();
    for (Sample sample : samples()) {
      assertThat(types.get(sample.envelope().type())).isEqualTo(sample.payloadType());
    }
  }

  private JsonNode golden(String file) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return mapper.readTree(in);
    }
  }
}
