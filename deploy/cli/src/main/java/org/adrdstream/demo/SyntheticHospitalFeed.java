package org.adrdstream.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.fhir.FhirWriter;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic hospital that sends a generated cohort through the platform's real connectors at a set rate:
 * even-numbered patients as FHIR R4 Bulk Data NDJSON files dropped into the FHIR connector's directory, odd
 * ones as HL7 v2 messages over MLLP to the HL7 connector (each waiting for its ACK, as an interface engine
 * does). Patients go in batches of {@value #BATCH}; after each batch the position is saved, so a restarted
 * demo continues with the next patient rather than starting over.
 */
public final class SyntheticHospitalFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyntheticHospitalFeed.class);
    static final int BATCH = 8;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final FeedSettings settings;
    private final CohortGenerator generator;
    private final FeedPosition position;
    private final Pacer pacer;
    private final AtomicInteger nextPatient = new AtomicInteger();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong hl7Refused = new AtomicLong();
    private final Thread thread = new Thread(this::run, "adrd-demo-feed");
    private volatile boolean stopping;
    private MllpClient mllp;

    public SyntheticHospitalFeed(FeedSettings settings) {
        this.settings = settings;
        this.generator = new CohortGenerator(CohortSettings.defaults(settings.seed()),
                Pseudonymiser.withKey(settings.pseudonymKey()));
        this.position = new FeedPosition(settings.positionFile());
        this.pacer = new Pacer(settings.rate());
        thread.setDaemon(true);
    }

    /** Starts feeding from the saved position. */
    public SyntheticHospitalFeed start() {
        try {
            Files.createDirectories(settings.fhirInbox());
            Files.createDirectories(settings.staging());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the feed's directories under " + settings.directory(), e);
        }
        nextPatient.set(Math.min(position.read(), settings.patients()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!stopping && nextPatient.get() < settings.patients()) {
                int first = nextPatient.get();
                int end = Math.min(first + BATCH, settings.patients());
                feedBatch(first, end);
                if (stopping) {
                    return; // cut short: fed again on restart
                }
                position.write(end);
                nextPatient.set(end);
            }
            if (!stopping) {
                log.info("synthetic hospital feed finished: {} patients, {} records", settings.patients(), recordsSent.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.error("synthetic hospital feed stopped at patient {}: {}", nextPatient.get(), e.toString(), e);
        } finally {
            closeMllp();
        }
    }

    private void feedBatch(int first, int end) throws IOException, InterruptedException {
        List<PatientRecord> fhir = new ArrayList<>();
        List<PatientRecord> hl7 = new ArrayList<>();
        for (int k = first; k < end; k++) {
            (k % 2 == 0 ? fhir : hl7).add(generator.patient(k));
        }
        dropFhirFiles(String.format("batch-%07d", first), fhir);
        for (String message : hl7Messages(String.format("hl7-%07d", first), hl7)) {
            if (stopping) {
                return;
            }
            pacer.acquire(1);
            send(message);
        }
    }

    /** Writes the batch's NDJSON in staging and renames it into the inbox, so the connector sees whole files. */
    private void dropFhirFiles(String name, List<PatientRecord> patients) throws IOException, InterruptedException {
        Path target = settings.fhirInbox().resolve(name);
        if (patients.isEmpty() || Files.exists(target)) {
            return; // dropped before a restart; the connector's offsets say what it read
        }
        Path staged = settings.staging().resolve(name);
        deleteRecursively(staged);
        try (FhirWriter writer = new FhirWriter(staged, feedName())) {
            for (PatientRecord patient : patients) {
                writer.write(patient);
            }
        }
        long records = 0;
        try (Stream<Path> files = Files.list(staged.resolve("ndjson"))) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    records += lines.filter(line -> !line.isBlank()).count();
                }
            }
        }
        pacer.acquire(records);
        Files.move(staged.resolve("ndjson"), target, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(staged);
        recordsSent.addAndGet(records);
    }

    private List<String> hl7Messages(String name, List<PatientRecord> patients) throws IOException {
        Path staged = settings.staging().resolve(name);
        deleteRecursively(staged);
        try (Hl7Writer writer = new Hl7Writer(staged, feedName())) {
            for (PatientRecord patient : patients) {
                writer.write(patient);
            }
        }
        List<String> messages = MllpClient.frames(Files.readAllBytes(staged.resolve(Hl7Writer.FILE)));
        deleteRecursively(staged);
        return messages;
    }

    /** Sends one message and waits for its ACK; reconnects (the listener may still be starting) until stopped. */
    private void send(String message) throws InterruptedException {
        while (!stopping) {
            try {
                if (mllp == null) {
                    mllp = new MllpClient(settings.mllpHost(), settings.mllpPort(), ACK_TIMEOUT);
                }
                String code = MllpClient.acknowledgementCode(mllp.send(message));
                recordsSent.incrementAndGet();
                if (!"AA".equals(code)) {
                    hl7Refused.incrementAndGet(); // the connector dead-lettered it with the reason
                }
                return;
            } catch (IOException e) {
                closeMllp();
                log.debug("MLLP listener at {}:{} not answering ({}); retrying", settings.mllpHost(),
                        settings.mllpPort(), e.getMessage());
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private String feedName() {
        return CohortSettings.DEFAULT_FEED;
    }

    private void closeMllp() {
        if (mllp != null) {
            try {
                mllp.close();
            } catch (IOException e) {
                // the connection is being dropped anyway
            }
            mllp = null;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Patients handed over completely (the saved position). */
    public int patientsFed() {
        return nextPatient.get();
    }

    public int patients() {
        return settings.patients();
    }

    /** FHIR resources and HL7 messages sent. */
    public long recordsSent() {
        return recordsSent.get();
    }

    /** HL7 messages the connector answered with AE or AR (it dead-letters them). */
    public long hl7Refused() {
        return hl7Refused.get();
    }

    /** Stops after the message in flight; a batch cut short is fed again on restart. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spaces records to the set rate; a feed that falls behind catches up without bursting past it by more than a second. */
    private static final class Pacer {
        private final double nanosPerRecord;
        private long next = System.nanoTime();

        Pacer(double recordsPerSecond) {
            this.nanosPerRecord = 1e9 / recordsPerSecond;
        }

        void acquire(long records) throws InterruptedException {
            long now = System.nanoTime();
            next = Math.max(next, now - 1_000_000_000L) + (long) (records * nanosPerRecord);
            long wait = next - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
