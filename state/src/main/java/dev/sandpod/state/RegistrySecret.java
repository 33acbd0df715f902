package dev.sandpod.state;

/** Credentials for one registry server. toString never shows the password. */
public record RegistrySecret(String name, String server, String username, String password) {
    @Override
    public String toString() {
        return "RegistrySecret[name=" + name + ", server=" + server + ", username=" + username + ", password=<hidden>]";
    }
}
