package org.adrdstream.modelpackage;

/** A model package that must not be served: missing files, a hash or identity mismatch, another prompt version. */
public final class PackageRefusedException extends Exception {

    public PackageRefusedException(String message) {
        super(message);
    }

    public PackageRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
