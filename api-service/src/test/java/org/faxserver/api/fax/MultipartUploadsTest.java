package org.faxserver.api.fax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.LimitExceededException;
import org.faxserver.document.DocumentSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Streaming of the send form, without a server: limits are enforced while the bytes arrive. */
class MultipartUploadsTest {
    @TempDir
    Path temp;

    private MultipartUploads uploads(long maxBytes, int maxFiles) {
        return uploads(maxBytes, maxFiles, 0);
    }

    private MultipartUploads uploads(long maxBytes, int maxFiles, long inMemoryBytes) {
        return new MultipartUploads(new DocumentProperties(temp.resolve("store"), temp, DataSize.ofBytes(maxBytes),
                maxFiles, 100, 1_000_000, 1, 1, DataSize.ofBytes(inMemoryBytes), Duration.ofDays(90), Duration.ofHours(1),
                100));
    }

    private static String content(DocumentSource file) throws IOException {
        return file instanceof DocumentSource.Bytes bytes ? new String(bytes.bytes(), StandardCharsets.UTF_8)
                : Files.readString(((DocumentSource.File) file).path());
    }

    private static Flux<PartEvent> file(String name, String... chunks) {
        Flux<DataBuffer> content = Flux.fromArray(chunks)
                .map(c -> DefaultDataBufferFactory.sharedInstance.wrap(c.getBytes(StandardCharsets.UTF_8)));
        return FilePartEvent.create(name, "doc.pdf", MediaType.APPLICATION_PDF, content).cast(PartEvent.class);
    }

    private static Flux<PartEvent> field(String name, String value) {
        return FormPartEvent.create(name, value).cast(PartEvent.class).flux();
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void filesAreStreamedToTempFilesInOrderAndFieldsCollected() throws IOException {
        UploadedForm form = uploads(100, 3).read(Flux.concat(field("to", "+12125550199"), file("file", "ab", "cd"),
                file("file", "ef"), field("label", "a=1"), field("label", "b=2"))).block();
        assertThat(form.fields()).containsEntry("to", List.of("+12125550199"))
                .containsEntry("label", List.of("a=1", "b=2"));
        assertThat(form.files()).hasSize(2).allMatch(DocumentSource.File.class::isInstance);
        assertThat(content(form.files().get(0))).isEqualTo("abcd");
        assertThat(content(form.files().get(1))).isEqualTo("ef");
        form.close();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void smallFilesStayInMemoryAndTheFileThatCrossesTheLimitGoesToDiskWhole() throws IOException {
        // 5 bytes in memory: "ab" fits; "cde" fits too, but with "fg" the part would hold 7, so it moves to a file
        // (with the chunk already read); the limit bounds what the request holds in memory, so "h" still fits.
        UploadedForm form = uploads(100, 4, 5).read(Flux.concat(file("file", "ab"), file("file", "cde", "fg"),
                file("file", "h"))).block();
        assertThat(form.files()).extracting(f -> f.getClass().getSimpleName()).containsExactly("Bytes", "File", "Bytes");
        assertThat(form.files()).extracting(MultipartUploadsTest::contentUnchecked).containsExactly("ab", "cdefg", "h");
        assertThat(tempFiles()).isOne();
        form.close();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void noTempFileOutlivesARequestThatFailsWhileItsFilesGoToDisk() throws IOException {
        // 2 bytes in memory: "abc" goes to a file; "defg" crosses the 6-byte limit. Whether the refusal comes before
        // or after that file is created (the write runs on another thread), no temporary file may remain.
        StepVerifier.create(uploads(6, 3, 2).read(Flux.concat(file("file", "abc"), file("file", "defg"))))
                .expectErrorSatisfies(e -> assertThat(((LimitExceededException) e).reason()).isEqualTo("TOO_LARGE"))
                .verify();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void aTempFileCreatedAfterTheFormWasClosedIsDeletedAtOnce() throws IOException {
        UploadedForm form = new UploadedForm();
        form.close();
        form.addTempFile(Files.createTempFile(temp, "late-", ".part"));
        assertThat(tempFiles()).isZero();
    }

    private static String contentUnchecked(DocumentSource file) {
        try {
            return content(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theByteLimitCountsAllFilesWhileStreamingAndLeavesNoTempFiles() throws IOException {
        StepVerifier.create(uploads(5, 3).read(Flux.concat(file("file", "abc"), file("file", "de", "f"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(LimitExceededException.class)
                        .extracting(x -> ((LimitExceededException) x).reason()).isEqualTo("TOO_LARGE"))
                .verify();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void oneFileTooManyIsRefused() throws IOException {
        StepVerifier.create(uploads(100, 1).read(Flux.concat(file("file", "a"), file("file", "b"))))
                .expectErrorSatisfies(e -> assertThat(((LimitExceededException) e).reason()).isEqualTo("TOO_MANY_FILES"))
                .verify();
        assertThat(tempFiles()).isZero();
    }

    @Test
    void unknownPartsAreRefusedByName() {
        StepVerifier.create(uploads(100, 1).read(Flux.concat(field("priority", "high"))))
                .expectErrorSatisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field())
                        .isEqualTo("priority"))
                .verify();
        StepVerifier.create(uploads(100, 1).read(file("attachment", "x")))
                .expectError(InvalidInputException.class).verify();
        StepVerifier.create(uploads(100, 1).read(field("file", "not an upload")))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("filename"))
                .verify();
    }
}
