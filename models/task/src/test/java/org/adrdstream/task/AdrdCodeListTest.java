package org.adrdstream.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdrdCodeListTest {

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @CsvSource(nullValues = "-", value = {
            "ICD10CM, G30.1, -, true",
            "ICD10CM, G301, -, true",
            "ICD10CM, g30.9, -, true",
            "ICD10CM, F03.90, -, true",
            "ICD10CM, F01.50, -, true",
            "ICD10CM, G31.83, -, true",
            "ICD10CM, G31.09, -, true",
            "ICD10CM, G31.84, mild cognitive impairment is a prodromal sign, false",
            "ICD10CM, G31.8, -, false",
            "ICD10CM, R41.3, memory complaint, false",
            "ICD9CM, 331.0, -, true",
            "ICD9CM, 290.40, -, true",
            "ICD9CM, 294.0, amnestic disorder, false",
            "SNOMEDCT, 26929004, -, true",
            "SNOMEDCT, 386805003, mild cognitive disorder, false",
            "RXNORM, 135447, -, true",
            "RXNORM, 997224, donepezil hydrochloride 10 MG Oral Tablet, true",
            "RXNORM, 197361, amlodipine 5 MG Oral Tablet, false",
            "ATC, N06DA02, -, true",
            "ATC, N06DX01, -, true",
            "LOINC, 72106-8, MMSE total score, false"})
    void classifiesCodesWithAndWithoutDots(CodeSystem system, String value, String display, boolean evidence) {
        assertThat(AdrdCodeList.isEvidence(new Code(system, value, display))).isEqualTo(evidence);
    }
}
