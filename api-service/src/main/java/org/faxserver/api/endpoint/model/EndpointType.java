package org.faxserver.api.endpoint.model;

public enum EndpointType { GATEWAY, WEBHOOK, EMAIL }
