package org.faxserver.api.fax.events;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.fax.FaxJobs;
import org.faxserver.api.web.OpenApiConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "tenant: fax")
@SecurityRequirement(name = OpenApiConfiguration.TENANT_BASIC)
@SecurityRequirement(name = OpenApiConfiguration.TENANT_BEARER)
class JobEventsController {
    private final JobEventStreams streams;
    private final FaxJobs jobs;
    private final JobEventsProperties props;

    JobEventsController(JobEventStreams streams, FaxJobs jobs, JobEventsProperties props) {
        this.streams = streams;
        this.jobs = jobs;
        this.props = props;
    }

    @GetMapping(path = "/fax/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events of the job: status changes and page progress",
            description = "Starts with a `status` event holding the current state, then `status` and `progress` "
                    + "events as they happen; comment lines are heartbeats. Ends after a final status "
                    + "(SUCCEEDED, FAILED, CANCELLED).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string")))
    Flux<ServerSentEvent<Object>> events(@Parameter(hidden = true) TenantPrincipal principal, @PathVariable UUID id) {
        // The response is committed with the first event, so a 404 from the lookup is still a problem answer.
        // Status details name the endpoint ("attempt 2 via ...") or quote its failure: not for another tenant's.
        return withHeartbeats(jobs.toAnotherTenant(principal, id).flatMapMany(hidden ->
                streams.open(principal, id, jobId -> jobs.summary(principal, jobId))
                        .map(event -> hidden ? event.withoutDetail() : event)));
    }

    private Flux<ServerSentEvent<Object>> withHeartbeats(Flux<JobEvent> events) {
        // Heartbeats start after the first event, so they never commit a 200 before a 404 is known.
        return events.map(JobEventsController::sse).publish(shared -> shared.mergeWith(
                shared.take(1).thenMany(Flux.interval(props.heartbeat()))
                        .map(tick -> ServerSentEvent.<Object>builder().comment("heartbeat").build())
                        .takeUntilOther(shared.ignoreElements().then(Mono.just(true)))));
    }

    private static ServerSentEvent<Object> sse(JobEvent event) {
        return ServerSentEvent.builder(event.data()).event(event.name()).build();
    }
}
