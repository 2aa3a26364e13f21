package org.adrdstream.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a source patient identifier into the pseudonym that keys every topic: {@code p-} followed by the
 * first 128 bits of HMAC-SHA256(key, source system + '|' + identifier) in hex. The same identifier from the
 * same system always gives the same pseudonym under one key, so feeds agree; without the key the
 * identifier cannot be recovered or confirmed. Thread-safe.
 */
public final class Pseudonymiser {

    /** Prefix that marks a value as a pseudonym rather than a source identifier. */
    public static final String PREFIX = "p-";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_KEY_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @param key the secret, at least 16 bytes; keep it out of code and logs */
    public Pseudonymiser(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key must be at least " + MINIMUM_KEY_BYTES
                    + " bytes; it is " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * The issuer to use for identifiers a feed mints itself or sends without a system:
     * {@code urn:adrd-stream:<feed>:<kind>} (kind {@code mrn} for medical record numbers). Feeds that agree on
     * it give one patient one pseudonym.
     */
    public static String localIssuer(String feed, String kind) {
        return "urn:adrd-stream:" + feed + ":" + kind;
    }

    public static Pseudonymiser withKey(String key) {
        return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The pseudonym of {@code identifier} as issued by {@code sourceSystem}. */
    public String pseudonym(String sourceSystem, String identifier) {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(identifier, "identifier");
        byte[] digest = macs.get().doFinal((sourceSystem + '|' + identifier).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
