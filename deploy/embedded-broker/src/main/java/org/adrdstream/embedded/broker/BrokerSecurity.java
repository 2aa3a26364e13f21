package org.adrdstream.embedded.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SASL_SSL for the embedded broker: TLS on every listener, SCRAM-SHA-512 logins on the client listener, and
 * the KRaft controller listener on mutual TLS (only holders of the key store reach it). No listener accepts
 * plaintext or anonymous clients.
 *
 * <p>The SCRAM users are created when the storage is formatted ({@code kafka-storage format --add-scram}),
 * so the broker can log in to itself before any admin client could add them. A data directory formatted
 * without security cannot be switched to it later: {@link EmbeddedKafkaBroker#start()} refuses that.
 *
 * @param tls        key and trust stores of the listeners
 * @param users      SCRAM users (name to password)
 * @param brokerUser the user the broker logs in as for its own inter-broker connections; one of {@code users}
 */
public record BrokerSecurity(TlsStores tls, Map<String, String> users, String brokerUser) {

    /** The one SASL mechanism enabled. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String LISTENER = "SASL_SSL";
    private static final String SAFE = "[A-Za-z0-9._~-]+";

    public BrokerSecurity {
        Objects.requireNonNull(tls, "tls");
        users = Map.copyOf(users);
        if (!users.containsKey(brokerUser)) {
            throw new IllegalArgumentException("the broker user '" + brokerUser + "' must be one of the users " + users.keySet());
        }
        users.forEach((name, password) -> {
            // Names and passwords are written into JAAS and --add-scram strings, which have no escaping.
            if (!name.matches(SAFE) || !password.matches(SAFE)) {
                throw new IllegalArgumentException("SCRAM user names and passwords may hold letters, digits and ._~- only"
                        + " (user '" + name + "')");
            }
        });
    }

    /** Settings a client of this broker needs to log in as {@code user}, in Kafka's own keys. */
    public Map<String, Object> clientProperties(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user '" + user + "'; users are " + users.keySet());
        }
        return clientProperties(tls, user, password);
    }

    /** Client settings for SASL_SSL with SCRAM-SHA-512 as {@code user}, trusting {@code tls}'s trust store. */
    public static Map<String, Object> clientProperties(TlsStores tls, String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("security.protocol", LISTENER);
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaas(user, password));
        props.put("ssl.truststore.location", tls.truststore().toAbsolutePath().toString());
        props.put("ssl.truststore.password", tls.password());
        props.put("ssl.truststore.type", "PKCS12");
        return props;
    }

    /** The broker properties for these listeners, replacing the PLAINTEXT defaults. */
    Map<String, String> brokerProperties(String host, int brokerPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", LISTENER + "://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", LISTENER + "://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map", LISTENER + ":SASL_SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(brokerUser, users.get(brokerUser)));
        p.put("listener.name.controller.ssl.client.auth", "required");
        p.put("ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.truststore().toAbsolutePath().toString());
        p.put("ssl.truststore.password", tls.password());
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** {@code kafka-storage format} arguments creating the SCRAM users. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        users.forEach((name, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + name + ",password=" + password + "]");
        });
        return args;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
