package org.faxserver.api.endpoint.model;

import java.net.URI;

/** Delivers faxes by HTTP POST, signed with {@code signingSecret} (which the API never returns). */
public record WebhookSettings(URI url, String signingSecret, PayloadStyle payloadStyle) {
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", payloadStyle=" + payloadStyle + "]";
    }
}
