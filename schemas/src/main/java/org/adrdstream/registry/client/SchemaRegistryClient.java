package org.adrdstream.registry.client;

import java.util.List;

import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API as the platform uses it. Works against Confluent Schema Registry,
 * Karapace, Redpanda, Apicurio's compatibility API and the embedded registry alike.
 *
 * <p>Every method throws {@link SchemaRegistryException} with the registry's status and error code when
 * the registry refuses, or with {@code NO_RESPONSE} when it cannot be reached after the configured retries.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (or finds it already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with global id {@code id}. Ids never change meaning, so answers are cached for good. */
    Schema schemaById(int id);

    /** The version of {@code subject} that holds exactly {@code schema}; 40403 if it holds none. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The newest live version of {@code subject}. */
    RegisteredSchema latest(String subject);

    /** Version {@code version} of {@code subject}. */
    RegisteredSchema version(String subject, int version);

    /** Live version numbers of {@code subject}, ascending. */
    List<Integer> versions(String subject);

    /** Live subjects. */
    List<String> subjects();

    /**
     * Whether {@code schema} may be registered under {@code subject} by the subject's compatibility level,
     * checked against {@code version} (or every version the level requires when {@code version} is null).
     */
    CompatibilityResult testCompatibility(String subject, Integer version, Schema schema);

    /** The subject's own compatibility level, or the global one when the subject has none. */
    CompatibilityLevel compatibility(String subject);

    /** Sets the subject's compatibility level; a null subject sets the global default. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Soft-deletes every version of {@code subject} and returns the version numbers deleted. */
    List<Integer> deleteSubject(String subject);

    @Override
    void close();

    /**
     * Outcome of a compatibility test.
     *
     * @param compatible whether the schema may be registered
     * @param messages   why not, as the registry explains it (empty when compatible)
     */
    record CompatibilityResult(boolean compatible, List<String> messages) {
        public CompatibilityResult {
            messages = List.copyOf(messages);
        }
    }
}
