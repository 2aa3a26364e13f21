package org.adrdstream.connect.omop;

/** The CDM tables the connector reads, in the order it reads them (person first: the others refer to it). */
enum OmopTable {
    PERSON("person"),
    OBSERVATION_PERIOD("observation_period"),
    VISIT_OCCURRENCE("visit_occurrence"),
    CONDITION_OCCURRENCE("condition_occurrence"),
    DRUG_EXPOSURE("drug_exposure"),
    MEASUREMENT("measurement"),
    PROCEDURE_OCCURRENCE("procedure_occurrence"),
    DEATH("death");

    private final String tableName;

    OmopTable(String tableName) {
        this.tableName = tableName;
    }

    String tableName() {
        return tableName;
    }

    String fileName() {
        return tableName + ".csv";
    }
}
