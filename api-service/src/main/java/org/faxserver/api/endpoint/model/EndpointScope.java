package org.faxserver.api.endpoint.model;

/** Whose traffic an endpoint serves; precedence for routing is NUMBER over TENANT over GLOBAL. */
public enum EndpointScope { TENANT, NUMBER, GLOBAL }
