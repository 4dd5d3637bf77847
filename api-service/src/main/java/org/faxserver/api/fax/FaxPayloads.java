package org.faxserver.api.fax;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** HTTP payloads of the tenant fax API. */
final class FaxPayloads {
    private FaxPayloads() {
    }

    /** Answer to {@code POST /fax/send}: the job id to poll, stream or cancel. */
    record SendAccepted(UUID jobId, String status, int pages) {
    }

    /** The multipart form of {@code POST /fax/send}; only for the OpenAPI document. */
    @Schema(name = "FaxSendForm", description = "multipart/form-data. Files are recognised by content (PDF, TIFF, "
            + "PNG, JPEG) and sent in order as one fax. Limits: faxserver.documents.* (413 with a reason).")
    record SendForm(
            @ArraySchema(minItems = 1, arraySchema = @Schema(description = "one part per document, in order; "
                    + "each part needs a filename (curl -F file=@doc.pdf)"),
                    schema = @Schema(type = "string", format = "binary")) List<String> file,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a number of your tenant; national "
                    + "numbers use faxserver.numbers.default-region. Alias: caller_number", example = "+12125550100")
            String from,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "destination. Alias: callee_number",
                    example = "+12125550199") String to,
            @Schema(description = "page header text (at most 100 characters); default: the number's") String header,
            @Schema(description = "T.30 station id, at most 20 printable ASCII characters; default: the number's")
            String ident,
            @Schema(description = "JSON object of string values, e.g. {\"invoice\":\"4711\"}") String labels,
            @ArraySchema(schema = @Schema(description = "repeatable key=value, e.g. invoice=4711")) List<String> label) {
    }
}
