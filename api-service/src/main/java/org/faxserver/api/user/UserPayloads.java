package org.faxserver.api.user;

import java.time.Instant;

import org.faxserver.api.user.model.TenantUser;

/** JSON payloads of the user admin routes. No response ever carries a password or key hash. */
final class UserPayloads {
    private UserPayloads() {
    }

    /** Body of POST /admin/user (password required) and PUT /admin/user/{id} (password optional). */
    record UserRequest(Long tenantId, String username, String password) {
        @Override
        public String toString() {
            return "UserRequest[tenantId=" + tenantId + ", username=" + username + "]";
        }
    }

    record UserResponse(long id, long tenantId, String username, Instant apiKeyCreatedAt, Instant createdAt,
                        Instant updatedAt) {
        static UserResponse of(TenantUser u) {
            return new UserResponse(u.id(), u.tenantId(), u.username(), u.apiKeyCreatedAt(), u.createdAt(),
                    u.updatedAt());
        }
    }

    /** Answer to POST /admin/user: the user plus its API key, shown this once and never again. */
    record CreatedUserResponse(long id, long tenantId, String username, String apiKey, Instant apiKeyCreatedAt,
                               Instant createdAt, Instant updatedAt) {
        static CreatedUserResponse of(UserService.CreatedUser c) {
            TenantUser u = c.user();
            return new CreatedUserResponse(u.id(), u.tenantId(), u.username(), c.apiKey(), u.apiKeyCreatedAt(),
                    u.createdAt(), u.updatedAt());
        }
    }
}
