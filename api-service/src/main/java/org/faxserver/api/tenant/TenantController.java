package org.faxserver.api.tenant;

import java.net.URI;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.tenant.TenantPayloads.TenantRequest;
import org.faxserver.api.tenant.TenantPayloads.TenantResponse;
import org.faxserver.api.tenant.model.TenantDraft;
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
@RequestMapping("/admin/tenant")
@Tag(name = "admin: tenants")
@AdminApi
class TenantController {
    private final TenantService service;
    private final Paging paging;

    TenantController(TenantService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<TenantResponse>> create(@RequestBody TenantRequest body) {
        return Mono.fromCallable(() -> TenantDraft.of(body.name(), body.notifySpec()))
                .flatMap(service::create)
                .map(t -> ResponseEntity.created(URI.create("/admin/tenant/" + t.id())).body(TenantResponse.of(t)));
    }

    @PutMapping("/{id}")
    Mono<TenantResponse> update(@PathVariable long id, @RequestBody TenantRequest body) {
        return Mono.fromCallable(() -> TenantDraft.of(body.name(), body.notifySpec()))
                .flatMap(d -> service.update(id, d))
                .map(TenantResponse::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id) {
        return service.delete(id);
    }

    @GetMapping("/{id}")
    Mono<TenantResponse> get(@PathVariable long id) {
        return service.get(id).map(TenantResponse::of);
    }

    @GetMapping
    Mono<Page<TenantResponse>> list(@RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(service::list)
                .map(p -> p.map(TenantResponse::of));
    }
}
