package org.adrdstream.connect.hl7;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;

import org.adrdstream.connect.feed.FeedConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the HL7 v2 MLLP listener connector (plus the shared feed settings). */
public final class Hl7SourceConfig extends FeedConfig {

    public static final String PORT_CONFIG = "mllp.port";
    private static final String PORT_DOC = "TCP port the MLLP listener accepts senders on (several at once).";

    public static final String ACK_TIMEOUT_MS_CONFIG = "mllp.ack.timeout.ms";
    private static final String ACK_TIMEOUT_MS_DOC = "How long a message waits for its records to be acknowledged "
            + "by Kafka before the sender gets AE (application error: send again) instead of AA.";

    public static final String QUEUE_RECORDS_CONFIG = "mllp.queue.records";
    private static final String QUEUE_RECORDS_DOC = "Records waiting for the task to hand them to Kafka; when full, "
            + "senders wait (back-pressure), then get AE.";

    public static final String CHARSET_CONFIG = "mllp.charset";
    private static final String CHARSET_DOC = "Character set of the messages and of the answers (the senders' "
            + "interface engine setting; HL7's MSH-18 is not consulted).";

    public static final String MAX_MESSAGE_BYTES_CONFIG = "mllp.max.message.bytes";
    private static final String MAX_MESSAGE_BYTES_DOC = "Largest message taken, in bytes; a larger one is read to its "
            + "end, dead-lettered without content and answered AR.";

    public static final String DEFAULT_ISSUER_CONFIG = "hl7.patient.identifier.system";
    private static final String DEFAULT_ISSUER_DOC = "Issuer of PID-3 identifiers that name no assigning authority. "
            + "Empty: 'urn:adrd-stream:<feed.name>:mrn'.";

    public static final ConfigDef CONFIG_DEF = FeedConfig.define(new ConfigDef())
            .define(PORT_CONFIG, Type.INT, 2575, ConfigDef.Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(ACK_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    ACK_TIMEOUT_MS_DOC)
            .define(QUEUE_RECORDS_CONFIG, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW, QUEUE_RECORDS_DOC)
            .define(CHARSET_CONFIG, Type.STRING, "UTF-8", Hl7SourceConfig::validCharset, Importance.LOW, CHARSET_DOC)
            .define(MAX_MESSAGE_BYTES_CONFIG, Type.INT, 16 * 1024 * 1024, ConfigDef.Range.between(1024, 256 * 1024 * 1024),
                    Importance.LOW, MAX_MESSAGE_BYTES_DOC)
            .define(DEFAULT_ISSUER_CONFIG, Type.STRING, "", Importance.MEDIUM, DEFAULT_ISSUER_DOC);

    public Hl7SourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public Duration ackTimeout() {
        return Duration.ofMillis(getLong(ACK_TIMEOUT_MS_CONFIG));
    }

    public int queueRecords() {
        return getInt(QUEUE_RECORDS_CONFIG);
    }

    public Charset charset() {
        return Charset.forName(getString(CHARSET_CONFIG));
    }

    public int maxMessageBytes() {
        return getInt(MAX_MESSAGE_BYTES_CONFIG);
    }

    /** A character set this JVM knows that writes ASCII as ASCII, as MLLP's framing bytes need (not UTF-16). */
    private static void validCharset(String name, Object value) {
        boolean usable;
        try {
            usable = value instanceof String charset && Charset.isSupported(charset)
                    && java.util.Arrays.equals("\u000bMSH|\u001c\r".getBytes(Charset.forName(charset)),
                    "\u000bMSH|\u001c\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            usable = false;
        }
        if (!usable) {
            throw new ConfigException(name, value, "not a character set this JVM knows that writes ASCII as ASCII, "
                    + "as MLLP framing needs (e.g. UTF-8, ISO-8859-1)");
        }
    }

    public String defaultIssuer() {
        String issuer = getString(DEFAULT_ISSUER_CONFIG);
        return issuer.isBlank() ? defaultMrnSystem() : issuer;
    }
}
