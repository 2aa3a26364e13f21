package org.adrdstream.connect.fhir;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * The patients a task has seen, by every name other resources use for them ({@code Patient/id} and a bundle's
 * {@code urn:uuid:} full URL): their pseudonym and birth date. Only the pseudonym is kept; identifiers are
 * forgotten once hashed.
 */
final class PatientDirectory {

    record Entry(String pseudonym, LocalDate birthDate) {
    }

    private final Map<String, Entry> byReference = new HashMap<>();
    private final Map<String, LocalDate> birthByPseudonym = new HashMap<>();
    private final FeedRecords records;
    private final String identifierType;

    PatientDirectory(FeedRecords records, String identifierType) {
        this.records = records;
        this.identifierType = identifierType;
    }

    /** Registers a patient under its resource id and, if given, its full URL; returns its entry. */
    Entry register(Patient patient, String fullUrl) {
        String id = FhirResourceMapper.ref(patient, fullUrl).substring("Patient/".length());
        Entry entry = new Entry(pseudonym(patient, id), birthDate(patient));
        if (entry.birthDate() != null) {
            birthByPseudonym.put(entry.pseudonym(), entry.birthDate());
        }
        if (id != null) {
            byReference.put("Patient/" + id, entry);
        }
        if (fullUrl != null) {
            byReference.put(fullUrl, entry);
        }
        return entry;
    }

    /** The birth date of a registered patient, by pseudonym; null when unknown. */
    LocalDate birthDateOf(String pseudonym) {
        return birthByPseudonym.get(pseudonym);
    }

    /** The patient a reference points to ({@code Patient/id}, an absolute URL ending so, or {@code urn:uuid:}). */
    Entry resolve(String reference) {
        if (reference == null) {
            return null;
        }
        Entry entry = byReference.get(reference);
        if (entry == null) {
            int at = reference.lastIndexOf("Patient/");
            entry = at < 0 ? null : byReference.get(reference.substring(at).split("/_history")[0]);
        }
        return entry;
    }

    /** The birth date, with a partial date ('1950', '1950-03') taken at mid-year or the first of the month. */
    static LocalDate birthDate(Patient patient) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        String text = patient.getBirthDateElement().getValueAsString();
        return switch (text.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(text), 7, 1);
            case 7 -> LocalDate.parse(text + "-01");
            default -> LocalDate.parse(text.substring(0, 10));
        };
    }

    private String pseudonym(Patient patient, String id) {
        Identifier chosen = null;
        for (Identifier identifier : patient.getIdentifier()) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                boolean typed = identifier.getType().getCoding().stream().anyMatch(c -> identifierType.equals(c.getCode()));
                if (typed) {
                    chosen = identifier;
                    break;
                }
                if (chosen == null) {
                    chosen = identifier;
                }
            }
        }
        if (chosen != null) {
            return records.pseudonym(chosen.getSystem(), chosen.getValue());
        }
        return records.pseudonym(Pseudonymiser.localIssuer(records.feed(), "Patient"), String.valueOf(id));
    }
}
