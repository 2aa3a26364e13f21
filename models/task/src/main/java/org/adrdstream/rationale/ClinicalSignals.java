package org.adrdstream.rationale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;

/**
 * The facts rationales reason from: ICD-10-CM prefixes (without dots) of established dementia risk factors
 * (the Lancet 2024 commission's list, plus stroke, atrial fibrillation, kidney disease and Parkinson's) and of
 * prodromal signs. A rationale names a factor or sign only through a code the patient actually has.
 */
public final class ClinicalSignals {

    /** Factor name (one token) → ICD-10-CM prefixes. Order is the order rationales list absences in. */
    public static final Map<String, List<String>> RISK_FACTORS = ordered(
            "hypertension", List.of("I10", "I11", "I12", "I13", "I15", "I16"),
            "diabetes", List.of("E11", "E13"),
            "hyperlipidemia", List.of("E78"),
            "depression", List.of("F32", "F33"),
            "hearing-loss", List.of("H90", "H91"),
            "stroke", List.of("I63", "I69", "Z8673"),
            "atrial-fibrillation", List.of("I48"),
            "kidney-disease", List.of("N18"),
            "obesity", List.of("E66"),
            "smoking", List.of("F17", "Z720"),
            "alcohol", List.of("F10"),
            "head-injury", List.of("S06"),
            "parkinson", List.of("G20"),
            "anxiety", List.of("F41"));

    /** Prodromal signs: memory loss, cognitive decline, MCI, disorientation, falls, weight loss. */
    public static final Map<String, List<String>> PRODROMAL_SIGNS = ordered(
            "memory-loss", List.of("R413"),
            "cognitive-decline", List.of("R4181", "G3184"),
            "disorientation", List.of("R410"),
            "falls", List.of("R296", "W19"),
            "weight-loss", List.of("R634"));

    private ClinicalSignals() {
    }

    /** The factor or sign a diagnosis code stands for, or null. */
    public static String signalOf(Code code, Map<String, List<String>> signals) {
        if (code == null || code.getSystem() != CodeSystem.ICD10CM) {
            return null;
        }
        String value = code.getValue().replace(".", "").toUpperCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> signal : signals.entrySet()) {
            for (String prefix : signal.getValue()) {
                if (value.startsWith(prefix)) {
                    return signal.getKey();
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> ordered(Object... namesAndPrefixes) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPrefixes.length; i += 2) {
            map.put((String) namesAndPrefixes[i], (List<String>) namesAndPrefixes[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
