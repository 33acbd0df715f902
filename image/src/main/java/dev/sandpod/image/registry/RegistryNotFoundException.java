package dev.sandpod.image.registry;

import java.util.Locale;

/** The registry has no such repository, manifest or blob (404, MANIFEST_UNKNOWN, NAME_UNKNOWN, BLOB_UNKNOWN). */
public final class RegistryNotFoundException extends RegistryException {
    private final String what;
    private final String code;

    /**
     * @param what what was looked for, such as {@code image 127.0.0.1:5000/app:v2} or {@code blob sha256:...}
     * @param code the registry's error code such as {@code MANIFEST_UNKNOWN}, or empty for a bare 404
     */
    public RegistryNotFoundException(String registry, String repository, String what, String code) {
        super(registry, repository, what + " not found" + (code.isEmpty() ? "" : ": " + humanise(code)),
                hint(what, code), null);
        this.what = what;
        this.code = code;
    }

    private static String humanise(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String hint(String what, String code) {
        if (code.equals("BLOB_UNKNOWN") || what.startsWith("blob")) {
            return "the registry does not hold a blob the image names; push the image again";
        }
        return "check the repository name and the tag or digest (`sandpod image ls` lists images already pulled); "
                + "a private repository may also answer 'not found' without a pull secret (`--secret NAME`)";
    }

    public String what() {
        return what;
    }

    /** The registry's error code, or empty for a bare 404. */
    public String code() {
        return code;
    }
}
