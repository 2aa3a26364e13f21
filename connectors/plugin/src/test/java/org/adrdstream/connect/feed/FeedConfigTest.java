package org.adrdstream.connect.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.adrdstream.connect.omop.OmopSourceConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class FeedConfigTest {

    private Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("feed.name", "hospital-a");
        config.put("schema.registry.url", "http://registry:8081");
        config.put("pseudonym.key", "a-secret-of-enough-length");
        config.put("omop.directory", "/data/omop");
        return config;
    }

    @Test
    void defaultsAreThePlatformTopicsAndAnUnlimitedTolerance() {
        OmopSourceConfig config = new OmopSourceConfig(minimal());

        assertThat(config.eventsTopic()).isEqualTo("clinical.events.v1");
        assertThat(config.deadLetterTopic()).isEqualTo("clinical.events.dlq.v1");
        assertThat(config.maxDeadLetters()).isEqualTo(-1);
        assertThat(config.personIssuer()).isEqualTo("urn:adrd-stream:hospital-a:mrn");
        assertThat(config.pseudonymKey().toString()).doesNotContain("secret"); // a Password never prints its value
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        Map<String, String> config = minimal();
        config.remove("pseudonym.key");

        assertThatThrownBy(() -> new OmopSourceConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pseudonym.key");
    }

    @Test
    void registryCredentialsAndTrustReachTheRegistryClientButNotTheLog() {
        Map<String, String> config = minimal();
        config.put("schema.registry.url", "https://registry:8081");
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", "feeds:registry-secret");
        config.put("schema.registry.ssl.truststore.location", "/etc/adrd/ca.p12");
        config.put("schema.registry.ssl.truststore.password", "trust-secret");
        OmopSourceConfig parsed = new OmopSourceConfig(config);

        assertThat(parsed.registryClientProperties()).containsEntry("basic.auth.user.info", "feeds:registry-secret")
                .containsEntry("schema.registry.ssl.truststore.location", "/etc/adrd/ca.p12")
                .containsEntry("schema.registry.ssl.truststore.password", "trust-secret")
                .containsEntry("basic.auth.credentials.source", "USER_INFO");
        assertThat(parsed.values().toString()).as("what Connect logs of a config")
                .doesNotContain("registry-secret").doesNotContain("trust-secret");
    }

    @Test
    void withoutRegistryCredentialsOnlyTheUrlIsPassed() {
        Map<String, Object> registry = new OmopSourceConfig(minimal()).registryClientProperties();

        assertThat(registry).containsEntry("schema.registry.url", "http://registry:8081")
                .doesNotContainKeys("basic.auth.user.info", "schema.registry.ssl.truststore.location");
    }

    @Test
    void anUnknownCodeSystemIsRefusedWithTheChoices() {
        Map<String, String> config = minimal();
        config.put("omop.condition.source.system", "ICD11");

        assertThatThrownBy(() -> new OmopSourceConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("omop.condition.source.system").hasMessageContaining("ICD10CM");
    }
}
