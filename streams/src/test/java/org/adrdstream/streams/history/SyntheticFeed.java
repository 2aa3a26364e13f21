package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Sex;

/**
 * A seeded feed of events for many patients with what real feeds do wrong: exact re-sends, corrected
 * re-sends (same event_id, new value), retractions after and before the event they retract, and arrival
 * out of time order.
 */
public final class SyntheticFeed {

    private SyntheticFeed() {
    }

    public static List<ClinicalEvent> generate(int patients, int eventsPerPatient, long seed) {
        Random random = new Random(seed);
        List<ClinicalEvent> feed = new ArrayList<>();
        String[] codes = {"I10", "E11.9", "E78.5", "F32.9", "H91.90", "I48.91", "N18.3", "R41.3", "G30.9"};
        for (int p = 0; p < patients; p++) {
            String patient = "pt-" + p;
            feed.add(Events.demographics(patient, patient + ":demo",
                    LocalDate.of(1930 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    random.nextBoolean() ? Sex.FEMALE : Sex.MALE));
            for (int e = 0; e < eventsPerPatient; e++) {
                Instant time = Instant.parse("2005-01-01T00:00:00Z").plusSeconds(random.nextInt(600_000_000));
                String id = patient + ":e" + e;
                ClinicalEvent event = random.nextInt(4) == 0
                        ? Events.lab(patient, id, time, "2345-7", 70 + random.nextInt(150))
                        : Events.diagnosis(patient, id, time, codes[random.nextInt(codes.length)]);
                feed.add(event);
                int fate = random.nextInt(10);
                if (fate == 0) {
                    feed.add(event); // exact re-send
                } else if (fate == 1) {
                    feed.add(Events.retraction(event));
                } else if (fate == 2 && event.getValue() != null) {
                    feed.add(ClinicalEvent.newBuilder(event).setValue(event.getValue() + 1).build()); // a correction
                }
            }
        }
        Collections.shuffle(feed, random); // out of order, retractions sometimes before their event
        return feed;
    }
}
