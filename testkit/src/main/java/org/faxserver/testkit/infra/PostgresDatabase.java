package org.faxserver.testkit.infra;

/** One PostgreSQL database made for a test (or a Spring context), with the credentials to reach it. */
public record PostgresDatabase(String host, int port, String name, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }
}
