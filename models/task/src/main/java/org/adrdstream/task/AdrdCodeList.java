package org.adrdstream.task;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.adrdstream.contract.Code;

/**
 * The versioned list of codes that count as evidence of ADRD (docs/task.md explains each choice against the
 * CMS Chronic Conditions Warehouse list). Codes are compared without dots and case, so {@code G30.1},
 * {@code G301} and {@code g30.1} match alike; ICD codes match by prefix, SNOMED CT, RxNorm and ATC exactly
 * or by prefix as listed.
 */
public final class AdrdCodeList {

    /** Bump on any change to the lists below; recorded in model manifests and study results. */
    public static final String VERSION = "adrd-codes-1";

    /** Alzheimer's (G30), vascular (F01), dementia in other diseases (F02), unspecified (F03), frontotemporal
     *  (G31.0), senile degeneration (G31.1), Lewy body dementia (G31.83). */
    static final List<String> ICD10CM_PREFIXES = List.of("G30", "F01", "F02", "F03", "G310", "G311", "G3183");

    /** Senile and presenile dementias (290.0–290.4x), dementia in other diseases (294.1x), other persistent
     *  dementia (294.2x), Alzheimer's (331.0), frontotemporal (331.1x), Lewy bodies (331.82). */
    static final List<String> ICD9CM_PREFIXES =
            List.of("2900", "2901", "2902", "2903", "2904", "2941", "2942", "3310", "3311", "33182");

    /** Alzheimer's disease, familial early-onset AD, dementia, vascular dementia, frontotemporal dementia,
     *  senile dementia of the Lewy body type, senile dementia. */
    static final Set<String> SNOMED_CODES =
            Set.of("26929004", "230265002", "52448006", "429998004", "230270009", "312991009", "15662003");

    /** RxNorm ingredients: donepezil, galantamine, rivastigmine, memantine. */
    static final Set<String> RXNORM_INGREDIENTS = Set.of("135447", "4637", "183379", "6719");

    /** Ingredient names, for RxNorm product codes (SCD/SBD) whose display names the ingredient. */
    static final List<String> DRUG_NAMES = List.of("donepezil", "galantamine", "rivastigmine", "memantine");

    /** ATC: anticholinesterases N06DA (donepezil, rivastigmine, galantamine, ...) and memantine N06DX01. */
    static final List<String> ATC_PREFIXES = List.of("N06DA", "N06DX01");

    private AdrdCodeList() {
    }

    /** Whether {@code code} is ADRD evidence: a dementia diagnosis or an anti-dementia drug. */
    public static boolean isEvidence(Code code) {
        if (code == null) {
            return false;
        }
        String value = normalise(code.getValue());
        return switch (code.getSystem()) {
            case ICD10CM -> startsWithAny(value, ICD10CM_PREFIXES);
            case ICD9CM -> startsWithAny(value, ICD9CM_PREFIXES);
            case SNOMEDCT -> SNOMED_CODES.contains(value);
            case RXNORM -> RXNORM_INGREDIENTS.contains(value) || namesAntiDementiaDrug(code.getDisplay());
            case ATC -> startsWithAny(value, ATC_PREFIXES);
            case LOINC, CPT, LOCAL -> false;
        };
    }

    /** Upper case without dots or spaces: the form the lists above are written in. */
    static String normalise(String value) {
        return value == null ? "" : value.replace(".", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static boolean startsWithAny(String value, List<String> prefixes) {
        return prefixes.stream().anyMatch(value::startsWith);
    }

    private static boolean namesAntiDementiaDrug(String display) {
        if (display == null) {
            return false;
        }
        String lower = display.toLowerCase(Locale.ROOT);
        return DRUG_NAMES.stream().anyMatch(lower::contains);
    }
}
