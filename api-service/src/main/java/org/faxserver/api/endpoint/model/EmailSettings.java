package org.faxserver.api.endpoint.model;

import java.util.List;

public record EmailSettings(List<String> addresses) {
    public EmailSettings {
        addresses = List.copyOf(addresses);
    }
}
