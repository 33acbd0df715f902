package dev.sandpod.net;

/**
 * Removing a pod's network left something behind. Teardown goes on past each failed step; every step's
 * failure is attached as a suppressed exception, so nothing is hidden.
 */
public final class NetworkTeardownException extends NetworkException {
    public NetworkTeardownException(String message, String hint) {
        super(message, hint, null);
    }
}
