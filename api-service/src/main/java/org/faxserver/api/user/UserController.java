package org.faxserver.api.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.shared.model.Page;
import org.faxserver.api.user.UserPayloads.CreatedUserResponse;
import org.faxserver.api.user.UserPayloads.UserRequest;
import org.faxserver.api.user.UserPayloads.UserResponse;
import org.faxserver.api.user.model.UserDraft;
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
@RequestMapping("/admin/user")
@Tag(name = "admin: users")
@AdminApi
class UserController {
    private final UserService service;
    private final Paging paging;

    UserController(UserService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<CreatedUserResponse>> create(@RequestBody UserRequest body) {
        return Mono.fromCallable(() -> UserDraft.forCreate(body.tenantId(), body.username(), body.password()))
                .flatMap(service::create)
                .map(c -> ResponseEntity.created(URI.create("/admin/user/" + c.user().id()))
                        .body(CreatedUserResponse.of(c)));
    }

    @PutMapping("/{id}")
    Mono<UserResponse> update(@PathVariable long id, @RequestBody UserRequest body) {
        return Mono.fromCallable(() -> UserDraft.forUpdate(body.tenantId(), body.username(), body.password()))
                .flatMap(d -> service.update(id, d))
                .map(UserResponse::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id) {
        return service.delete(id);
    }

    @GetMapping("/{id}")
    Mono<UserResponse> get(@PathVariable long id) {
        return service.get(id).map(UserResponse::of);
    }

    @GetMapping
    Mono<Page<UserResponse>> list(@RequestParam(name = "tenant_id", required = false) Long tenantId,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return Mono.fromCallable(() -> paging.of(page, size))
                .flatMap(p -> service.list(tenantId, p))
                .map(p -> p.map(UserResponse::of));
    }
}
