package org.adrdstream.registry;

/** The Confluent Schema Registry's error codes, as this project's server answers them and its client reads them. */
public final class RegistryErrorCode {

    public static final int UNAUTHORIZED = 401;
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int ENDPOINT_NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int UNPROCESSABLE_REQUEST = 422;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    public static final int OPERATION_TIMEOUT = 50002;
    /** Used by the client when a failure has no registry answer (connection refused, timeout). */
    public static final int NO_RESPONSE = -1;

    private RegistryErrorCode() {
    }
}
