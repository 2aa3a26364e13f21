package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.vocabulary.AdrdDiagnosis;
import org.adrdstream.cohort.vocabulary.CareCodes;
import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Drugs;
import org.adrdstream.task.AdrdCodeList;
import org.junit.jupiter.api.Test;

/** The generator's outcome codes are exactly what the task's ADRD code list counts as evidence. */
class CodeListAgreementTest {

    @Test
    void everyDiagnosisAndAntiDementiaDrugIsAdrdEvidence() {
        for (AdrdDiagnosis diagnosis : AdrdDiagnosis.values()) {
            assertThat(AdrdCodeList.isEvidence(diagnosis.code().toContract())).as(diagnosis.name()).isTrue();
        }
        for (ClinicalCode drug : List.of(Drugs.DONEPEZIL, Drugs.GALANTAMINE, Drugs.RIVASTIGMINE, Drugs.MEMANTINE)) {
            assertThat(AdrdCodeList.isEvidence(drug.toContract())).as(drug.display()).isTrue();
        }
    }

    @Test
    void prodromalSignsAndRiskFactorsAreNotOutcomes() {
        for (ClinicalCode code : List.of(CareCodes.MEMORY_COMPLAINT, CareCodes.MILD_COGNITIVE_IMPAIRMENT,
                CareCodes.DISORIENTATION, CareCodes.NEW_DEPRESSION, CareCodes.FALL)) {
            assertThat(AdrdCodeList.isEvidence(code.toContract())).as(code.value()).isFalse();
        }
        for (RiskFactor factor : RiskFactor.values()) {
            if (!factor.isLatent()) {
                assertThat(AdrdCodeList.isEvidence(factor.code().toContract())).as(factor.name()).isFalse();
            }
        }
    }
}
