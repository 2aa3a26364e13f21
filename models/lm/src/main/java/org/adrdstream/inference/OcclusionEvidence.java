package org.adrdstream.inference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EvidenceItem;
import org.adrdstream.prompt.Prompt;
import org.adrdstream.prompt.PromptItem;

/**
 * Scores prompts and explains each score by occlusion (docs/models.md, "Evidence"): the {@code candidates}
 * most recent clinical items of a prompt (diagnoses, medications, labs, procedures, observations; visits are
 * context, not evidence) are each removed in turn, and an item's weight is how much the log-odds fall without
 * it. The {@code items} largest weights are the evidence. Every prompt and all its occluded variants go
 * through one batched {@link RiskModel#logOdds(List, int[])} call: the candidates are the newest items, near
 * the end of the prompt, so a transformer reuses the prompt's keys and values for everything before the
 * occluded item and a variant costs a fraction of a sequence (a recurrent model runs each variant whole:
 * {@code candidates + 1} sequences per patient); {@code candidates = 0} turns evidence off.
 */
public final class OcclusionEvidence {

    private static final Set<EventKind> CLINICAL = Set.of(EventKind.DIAGNOSIS, EventKind.MEDICATION, EventKind.LAB,
            EventKind.PROCEDURE, EventKind.OBSERVATION);

    private final int candidates;
    private final int items;

    public OcclusionEvidence(int candidates, int items) {
        if (candidates < 0 || items < 0) {
            throw new IllegalArgumentException("evidence candidates and items must be >= 0");
        }
        this.candidates = candidates;
        this.items = items;
    }

    /** Probabilities and evidence for each prompt, in order. */
    public List<Explained> score(RiskModel model, List<Prompt> prompts) {
        List<List<String>> sequences = new ArrayList<>();
        List<Integer> variantOf = new ArrayList<>();
        List<int[]> occluded = new ArrayList<>(prompts.size());
        for (Prompt prompt : prompts) {
            int promptIndex = sequences.size();
            sequences.add(prompt.tokens());
            variantOf.add(-1);
            int[] chosen = candidatesOf(prompt);
            occluded.add(chosen);
            for (int item : chosen) {
                sequences.add(prompt.withoutItem(item).tokens());
                variantOf.add(promptIndex);
            }
        }
        double[] logOdds = model.logOdds(sequences, variantOf.stream().mapToInt(Integer::intValue).toArray());
        List<Explained> explained = new ArrayList<>(prompts.size());
        int at = 0;
        for (int p = 0; p < prompts.size(); p++) {
            double full = logOdds[at++];
            List<EvidenceItem> evidence = new ArrayList<>();
            for (int item : occluded.get(p)) {
                PromptItem source = prompts.get(p).items().get(item);
                evidence.add(new EvidenceItem(source.code(), source.time(), full - logOdds[at++]));
            }
            evidence.sort(Comparator.comparingDouble(EvidenceItem::getWeight).reversed());
            explained.add(new Explained(model.manifest().calibration().probability(full), full,
                    List.copyOf(evidence.subList(0, Math.min(items, evidence.size())))));
        }
        return explained;
    }

    /** Indices of the most recent clinical items, newest first. */
    private int[] candidatesOf(Prompt prompt) {
        List<Integer> clinical = new ArrayList<>();
        for (int i = 0; i < prompt.items().size(); i++) {
            if (CLINICAL.contains(prompt.items().get(i).kind())) {
                clinical.add(i);
            }
        }
        clinical.sort(Comparator.comparing((Integer i) -> prompt.items().get(i).time(), Comparator.<Instant>reverseOrder()));
        return clinical.stream().limit(candidates).mapToInt(Integer::intValue).toArray();
    }

    /**
     * A scored prompt.
     *
     * @param probability calibrated risk
     * @param logOdds     the raw read-out
     * @param evidence    the items that raised the score most, largest weight (log-odds) first
     */
    public record Explained(double probability, double logOdds, List<EvidenceItem> evidence) {
    }
}
