package org.faxserver.api.endpoint.model;

import java.util.List;

import org.faxserver.model.fax.T38Policy;

/**
 * A FreeSWITCH gateway. Replaces the seed's {@code "name:ip"} string, whose IP part was matched as a
 * substring (an empty IP passed everything). A null {@code t38Policy} means: use the service's
 * configured default (enable_t38 / request_t38).
 */
public record GatewaySettings(String name, List<String> allowedSources, T38Policy t38Policy,
                              Integer maxConcurrentCalls, boolean bridge) {
    public GatewaySettings {
        allowedSources = List.copyOf(allowedSources);
    }
}
