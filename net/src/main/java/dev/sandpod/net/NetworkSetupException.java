package dev.sandpod.net;

import java.util.Optional;

/**
 * A CNI plugin refused a command. Carries the plugin, the command, and the plugin's own error object
 * ({@code {"code","msg","details"}}) so the user sees the plugin's words, not a wrapper's.
 */
public final class NetworkSetupException extends NetworkException {
    private final String plugin;
    private final String command;
    private final Integer code;
    private final String pluginMessage;
    private final String details;

    public NetworkSetupException(String plugin, String command, Integer code, String pluginMessage, String details,
                                 String hint, Throwable cause) {
        super(message(plugin, command, code, pluginMessage, details), hint, cause);
        this.plugin = plugin;
        this.command = command;
        this.code = code;
        this.pluginMessage = pluginMessage;
        this.details = details;
    }

    private static String message(String plugin, String command, Integer code, String msg, String details) {
        StringBuilder text = new StringBuilder("CNI plugin '").append(plugin).append("' failed ").append(command)
                .append(": ").append(msg);
        if (details != null && !details.isBlank()) {
            text.append(" (").append(details).append(')');
        }
        if (code != null) {
            text.append(" [CNI error code ").append(code).append(']');
        }
        return text.toString();
    }

    public String plugin() {
        return plugin;
    }

    /** ADD, DEL, CHECK or VERSION. */
    public String command() {
        return command;
    }

    /** The CNI error code, when the plugin returned a CNI error object. */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    public String pluginMessage() {
        return pluginMessage;
    }
}
