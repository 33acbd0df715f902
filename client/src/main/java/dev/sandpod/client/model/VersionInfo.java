package dev.sandpod.client.model;

/**
 * What {@code GET /v1/version} answers.
 *
 * @param version    sandpod's version
 * @param apiVersion the API's version, the path prefix ({@code v1})
 * @param pid        the daemon's process id
 * @param root       the state root the daemon serves
 */
public record VersionInfo(String version, String apiVersion, long pid, String root) {
}
