package io.facenetstreams.core.data;

/**
 * An image reference that must not be read: absolute, with '..', empty, with a backslash or NUL, or
 * resolving (through a link) outside the dataset root. The message names the reference and the root.
 */
public final class ImageReferenceException extends IllegalArgumentException {

    private final String reference;

    public ImageReferenceException(String reference, String message) {
        super(message);
        this.reference = reference;
    }

    /** The rejected reference as given. */
    public String reference() {
        return reference;
    }
}
