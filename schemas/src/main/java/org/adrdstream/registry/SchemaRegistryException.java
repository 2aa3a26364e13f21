package org.adrdstream.registry;

/**
 * An error answered by a schema registry, with the HTTP status and the Confluent error code
 * ({@link RegistryErrorCode}) from its {@code {"error_code":…, "message":…}} body.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the answer (404, 409, 422, 500, ...). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code, e.g. {@link RegistryErrorCode#SUBJECT_NOT_FOUND}. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether a retry may succeed: server-side failures, not client mistakes. */
    public boolean isRetriable() {
        return httpStatus >= 500;
    }
}
