package org.adrdstream.streams.history;

import java.util.List;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;

/**
 * What the history assembler sends itself over the application's merge topic ({@link PatientMerges}), keyed by
 * the surviving pseudonym, when a MERGE retires a pseudonym whose survivor may live on another partition.
 * {@code hops} counts how often the message was passed on to a survivor that had itself been retired; past
 * {@link PatientMerges#MAX_HOPS} the merges form a cycle and the message is dead-lettered.
 */
sealed interface MergeMessage {

    /** The pseudonym the message is for (its record key). */
    String survivor();

    int hops();

    /** The message passed on to the survivor of a retired {@code survivor}. */
    MergeMessage passedOn(String nextSurvivor);

    /**
     * Everything a retired patient's history held, in the stores' own formats: the header, the detailed events
     * and the event-index markers (retractions, folds, the death) by event_id, and the folded summaries.
     */
    record Transfer(String retired, String survivor, int hops, byte[] header, List<Entry> events, List<Entry> markers,
                    List<CodeSummary> summaries) implements MergeMessage {

        /** One store entry of the retired patient: the event_id its key named, and the stored value. */
        record Entry(String eventId, byte[] value) {
        }

        @Override
        public MergeMessage passedOn(String nextSurvivor) {
            return new Transfer(retired, nextSurvivor, hops + 1, header, events, markers, summaries);
        }

        /** No events, markers or summaries: all the retired patient had, if anything, was its header. */
        boolean carriesNothing() {
            return events.isEmpty() && markers.isEmpty() && summaries.isEmpty();
        }
    }

    /** An event that arrived for a retired pseudonym, re-addressed to its survivor. */
    record Forwarded(ClinicalEvent event, int hops) implements MergeMessage {

        @Override
        public String survivor() {
            return event.getPatientId();
        }

        @Override
        public MergeMessage passedOn(String nextSurvivor) {
            return new Forwarded(ClinicalEvent.newBuilder(event).setPatientId(nextSurvivor).build(), hops + 1);
        }
    }
}
