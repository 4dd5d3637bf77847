package org.faxserver.api.fax;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.FaxPayloads.SendAccepted;
import org.faxserver.api.fax.FaxPayloads.SendForm;
import org.faxserver.api.fax.model.FaxJob;
import org.faxserver.api.fax.model.JobFilter;
import org.faxserver.api.fax.model.Labels;
import org.faxserver.api.fax.model.SendFields;
import org.faxserver.api.fax.model.SendRequest;
import org.faxserver.api.number.NumbersProperties;
import org.faxserver.api.shared.model.InvalidInputException;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.shared.model.UnprocessableInputException;
import org.faxserver.api.web.OpenApiConfiguration;
import org.faxserver.api.web.Paging;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Tag(name = "tenant: fax")
@SecurityRequirement(name = OpenApiConfiguration.TENANT_BASIC)
@SecurityRequirement(name = OpenApiConfiguration.TENANT_BEARER)
class FaxController {
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final MultipartUploads uploads;
    private final SendingFax sending;
    private final FaxJobs jobs;
    private final Paging paging;
    private final NumbersProperties numbers;
    private final ObjectMapper json;

    FaxController(MultipartUploads uploads, SendingFax sending, FaxJobs jobs, Paging paging, NumbersProperties numbers,
                  ObjectMapper json) {
        this.uploads = uploads;
        this.sending = sending;
        this.jobs = jobs;
        this.paging = paging;
        this.numbers = numbers;
        this.json = json;
    }

    @PostMapping(path = "/fax/send", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Send a fax: upload documents, get a job id (202)",
            description = "Converts the files to one TIFF-F and queues the job. With an Idempotency-Key, repeating "
                    + "the same request returns the same job (200, header Idempotent-Replayed: true); the same key "
                    + "with a different request is 409. Keys are per tenant.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = SendForm.class))))
    @ApiResponse(responseCode = "202", description = "Accepted; Location: /fax/jobs/{id}")
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same Idempotency-Key")
    @ApiResponse(responseCode = "409", description = "Idempotency-Key already used for a different request")
    @ApiResponse(responseCode = "413", description = "Limit exceeded; `reason`: TOO_LARGE, TOO_MANY_PAGES, TOO_MANY_FILES")
    @ApiResponse(responseCode = "422", description = "Unusable document (`reason`: CORRUPT, ENCRYPTED, EMPTY, "
            + "UNSUPPORTED_TYPE) or field (`errors`: invalid number, `from` not a number of your tenant, ...)")
    Mono<ResponseEntity<SendAccepted>> send(@Parameter(hidden = true) TenantPrincipal principal,
                                            @Parameter(description = "makes retries safe; 1-255 visible ASCII characters")
                                            @RequestHeader(name = SendRequest.IDEMPOTENCY_HEADER, required = false)
                                            String idempotencyKey,
                                            @Parameter(hidden = true) @RequestBody Flux<PartEvent> parts) {
        return Mono.usingWhen(uploads.read(parts),
                        form -> Mono.fromCallable(() -> fields(form, idempotencyKey))
                                .flatMap(fields -> sending.send(principal, fields, form.files())),
                        form -> Mono.fromRunnable(form::close).subscribeOn(Schedulers.boundedElastic()))
                .map(outcome -> ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .location(URI.create("/fax/jobs/" + outcome.jobId()))
                        .header(REPLAYED_HEADER, String.valueOf(outcome.replayed()))
                        .body(new SendAccepted(outcome.jobId(), outcome.status(), outcome.pages())));
    }

    @GetMapping("/fax/jobs/{id}")
    @Operation(summary = "A job with its status, pages and every attempt")
    Mono<FaxJob> get(@Parameter(hidden = true) TenantPrincipal principal, @PathVariable UUID id) {
        return jobs.get(principal, id);
    }

    /** The seed's route, kept for existing clients; answers like {@code GET /fax/jobs/{id}}. */
    @GetMapping("/fax/status")
    @Operation(summary = "The seed's status route: same answer as GET /fax/jobs/{id}")
    @ApiResponse(responseCode = "404", description = "No such job for your tenant")
    Mono<FaxJob> status(@Parameter(hidden = true) TenantPrincipal principal, @RequestParam("uuid") List<String> uuid) {
        return Mono.fromCallable(() -> uuid(uuid)).flatMap(id -> jobs.get(principal, id));
    }

    @GetMapping("/fax/jobs")
    @Operation(summary = "The tenant's jobs, newest first",
            description = "Filters combine with AND: status (repeatable or comma-separated), to, from, "
                    + "created_after (inclusive), created_before (exclusive), label=key=value (repeatable).")
    Mono<Page<FaxJob>> list(@Parameter(hidden = true) TenantPrincipal principal,
                            @RequestParam(name = "status", required = false) List<String> status,
                            @RequestParam(name = "to", required = false) String to,
                            @RequestParam(name = "from", required = false) String from,
                            @RequestParam(name = "created_after", required = false)
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdAfter,
                            @RequestParam(name = "created_before", required = false)
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant createdBefore,
                            @RequestParam(name = "label", required = false) List<String> label,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> JobFilter.of(orEmpty(status), to, from, createdAfter, createdBefore,
                        orEmpty(label), numbers.defaultRegion()))
                .zipWith(Mono.fromCallable(() -> paging.of(page, size)))
                .flatMap(t -> jobs.list(principal, t.getT1(), t.getT2()));
    }

    @GetMapping(path = "/fax/jobs/{id}/document", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The PDF as sent (rendered from the TIFF-F the recipient gets)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
            schema = @Schema(type = "string", format = "binary")))
    Mono<ResponseEntity<Flux<DataBuffer>>> document(@Parameter(hidden = true) TenantPrincipal principal,
                                                    @PathVariable UUID id) {
        return jobs.document(principal, id)
                .map(body -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.inline().filename("fax-" + id + ".pdf").build().toString())
                        .body(body));
    }

    @PostMapping("/fax/jobs/{id}/cancel")
    @Operation(summary = "Ask for the job to be cancelled (202); a running call is hung up")
    @ApiResponse(responseCode = "202", description = "Cancel requested; the status shows when it took effect")
    @ApiResponse(responseCode = "409", description = "The job is already final")
    Mono<ResponseEntity<FaxJob>> cancel(@Parameter(hidden = true) TenantPrincipal principal, @PathVariable UUID id) {
        return jobs.cancel(principal, id).map(job -> ResponseEntity.status(HttpStatus.ACCEPTED).body(job));
    }

    private SendFields fields(UploadedForm form, String idempotencyKey) {
        Map<String, List<String>> values = form.fields();
        List<String> labels = values.getOrDefault(Labels.OBJECT_FIELD, List.of());
        if (labels.size() > 1) {
            throw InvalidInputException.of(Labels.OBJECT_FIELD, "must be given once");
        }
        return new SendFields(values, labels.isEmpty() ? null : labelsObject(labels.get(0)), form.files().size(),
                idempotencyKey);
    }

    private Map<String, String> labelsObject(String text) {
        Map<String, Object> parsed;
        try {
            parsed = json.readValue(text, JSON_OBJECT);
        } catch (Exception e) {
            throw UnprocessableInputException.of(Labels.OBJECT_FIELD, "must be a JSON object of string values");
        }
        Map<String, String> labels = new HashMap<>();
        for (var entry : parsed.entrySet()) {
            if (!(entry.getValue() instanceof String value)) {
                throw UnprocessableInputException.of(Labels.OBJECT_FIELD,
                        "value of '" + entry.getKey() + "' must be a string");
            }
            labels.put(entry.getKey(), value);
        }
        return labels;
    }

    private static UUID uuid(List<String> values) {
        if (values.size() > 1) {
            throw InvalidInputException.of("uuid", "must be given once");
        }
        if (values.isEmpty()) { // ?uuid= binds as no value at all
            throw InvalidInputException.of("uuid", "is not a valid job id (UUID)");
        }
        try {
            return UUID.fromString(values.get(0).strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("uuid", "is not a valid job id (UUID)");
        }
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
