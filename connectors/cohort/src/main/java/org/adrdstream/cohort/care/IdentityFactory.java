package org.adrdstream.cohort.care;

import java.util.List;
import java.util.SplittableRandom;

import org.adrdstream.contract.Sex;
import org.adrdstream.pseudonym.Pseudonymiser;

/** Makes up the names, addresses and medical record numbers a hospital would hold. */
final class IdentityFactory {

    private static final List<String> FEMALE_NAMES = List.of("Mary", "Patricia", "Linda", "Barbara", "Elizabeth",
            "Jennifer", "Maria", "Susan", "Margaret", "Dorothy", "Lisa", "Nancy", "Karen", "Betty", "Helen", "Sandra");
    private static final List<String> MALE_NAMES = List.of("James", "John", "Robert", "Michael", "William", "David",
            "Richard", "Charles", "Joseph", "Thomas", "Donald", "George", "Kenneth", "Steven", "Edward", "Paul");
    private static final List<String> FAMILY_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones",
            "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker");
    private static final List<String> STREETS = List.of("Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake",
            "Hill", "Park", "Main", "Church", "River");
    private static final List<String> CITIES = List.of("Springfield", "Riverton", "Fairview", "Madison", "Georgetown",
            "Clinton", "Salem", "Franklin");

    private final String sourceSystem;
    private final Pseudonymiser pseudonymiser;

    IdentityFactory(String sourceSystem, Pseudonymiser pseudonymiser) {
        this.sourceSystem = sourceSystem;
        this.pseudonymiser = pseudonymiser;
    }

    PatientIdentity identity(int index, Sex sex, SplittableRandom random) {
        String mrn = String.format("MRN%08d", index + 1);
        List<String> given = sex == Sex.MALE ? MALE_NAMES : FEMALE_NAMES;
        return new PatientIdentity(mrn, pseudonymiser.pseudonym(PatientIdentity.mrnSystem(sourceSystem), mrn),
                pick(given, random), pick(FAMILY_NAMES, random),
                (1 + random.nextInt(9_899)) + " " + pick(STREETS, random) + " Street",
                pick(CITIES, random), "MA", String.format("0%04d", 1_000 + random.nextInt(2_800)));
    }

    private static String pick(List<String> options, SplittableRandom random) {
        return options.get(random.nextInt(options.size()));
    }
}
