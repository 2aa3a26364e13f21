package org.adrdstream.connect.omop;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.contract.Sex;

/** What the other tables need to know about a person_id: the pseudonym and the birth date. */
final class Persons {

    record Person(String pseudonym, LocalDate birthDate, Sex sex) {
    }

    private final Map<String, Person> byId = new HashMap<>();

    void put(String personId, Person person) {
        byId.put(personId, person);
    }

    Person get(String personId) {
        return byId.get(personId);
    }

    int size() {
        return byId.size();
    }
}
