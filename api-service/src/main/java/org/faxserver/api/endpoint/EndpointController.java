package org.faxserver.api.endpoint;

import java.net.URI;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.endpoint.EndpointPayloads.EndpointRequest;
import org.faxserver.api.endpoint.EndpointPayloads.EndpointResponse;
import org.faxserver.api.endpoint.model.EndpointScope;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.web.AdminApi;
import org.faxserver.api.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/admin/endpoint")
@Tag(name = "admin: endpoints")
@AdminApi
class EndpointController {
    private final EndpointService service;
    private final Paging paging;

    EndpointController(EndpointService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<EndpointResponse>> create(@RequestBody EndpointRequest body) {
        return Mono.fromCallable(body::toDraft)
                .flatMap(service::create)
                .map(e -> ResponseEntity.created(URI.create("/admin/endpoint/" + e.id())).body(EndpointResponse.of(e)));
    }

    @PutMapping("/{id}")
    Mono<EndpointResponse> update(@PathVariable long id, @RequestBody EndpointRequest body) {
        return Mono.fromCallable(body::toDraft)
                .flatMap(d -> service.update(id, d))
                .map(EndpointResponse::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id) {
        return service.delete(id);
    }

    @GetMapping("/{id}")
    Mono<EndpointResponse> get(@PathVariable long id) {
        return service.get(id).map(EndpointResponse::of);
    }

    @GetMapping
    Mono<Page<EndpointResponse>> list(@RequestParam(name = "tenant_id", required = false) Long tenantId,
                                      @RequestParam(required = false) EndpointScope scope,
                                      @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> service.list(tenantId, scope, p))
                .map(p -> p.map(EndpointResponse::of));
    }
}
