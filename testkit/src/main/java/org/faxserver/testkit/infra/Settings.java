package org.faxserver.testkit.infra;

/** Reads test settings from system properties first, then environment variables. */
final class Settings {

    String get(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    int getInt(String name, int fallback) {
        String value = get(name, null);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }

    boolean getBoolean(String name, boolean fallback) {
        String value = get(name, null);
        return value == null ? fallback : Boolean.parseBoolean(value.trim());
    }
}
