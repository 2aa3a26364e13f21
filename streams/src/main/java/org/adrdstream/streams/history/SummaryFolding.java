package org.adrdstream.streams.history;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;

/**
 * Folds detailed events past the cap into one {@link CodeSummary} per (kind, code): count, first and last
 * time, last value. Nothing is dropped: an event without a code is summarised under a LOCAL code naming
 * its kind.
 */
final class SummaryFolding {

    private SummaryFolding() {
    }

    static void fold(List<CodeSummary> summaries, HistoryEvent event) {
        Code code = codeOf(event.getKind(), event.getCode());
        for (CodeSummary summary : summaries) {
            if (matches(summary, event.getKind(), code)) {
                summary.setCount(summary.getCount() + 1);
                if (event.getTime().isBefore(summary.getFirstTime())) {
                    summary.setFirstTime(event.getTime());
                }
                if (!event.getTime().isBefore(summary.getLastTime())) {
                    summary.setLastTime(event.getTime());
                    summary.setLastValue(event.getValue());
                    summary.setUnit(event.getUnit());
                }
                return;
            }
        }
        summaries.add(CodeSummary.newBuilder().setKind(event.getKind()).setCode(code).setCount(1)
                .setFirstTime(event.getTime()).setLastTime(event.getTime()).setLastValue(event.getValue())
                .setUnit(event.getUnit()).build());
    }

    /**
     * Takes a retracted event, summarised under {@code kind} and {@code code}, back out of its summary: the
     * count drops (the summary goes at zero); first and last times stay as they were, since the detail that
     * would correct them was folded away.
     */
    static boolean unfold(List<CodeSummary> summaries, EventKind kind, Code code) {
        for (CodeSummary summary : summaries) {
            if (matches(summary, kind, code)) {
                summary.setCount(summary.getCount() - 1);
                if (summary.getCount() <= 0) {
                    summaries.remove(summary);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Adds another history's summaries (a merge): per (kind, code) the counts add up, the first time is the
     * earlier, and the last time, value and unit come from the later.
     */
    static void add(List<CodeSummary> summaries, List<CodeSummary> others) {
        for (CodeSummary other : others) {
            CodeSummary same = summaries.stream().filter(s -> matches(s, other.getKind(), other.getCode()))
                    .findFirst().orElse(null);
            if (same == null) {
                summaries.add(CodeSummary.newBuilder(other).build());
                continue;
            }
            same.setCount(same.getCount() + other.getCount());
            if (other.getFirstTime().isBefore(same.getFirstTime())) {
                same.setFirstTime(other.getFirstTime());
            }
            if (other.getLastTime().isAfter(same.getLastTime())) {
                same.setLastTime(other.getLastTime());
                same.setLastValue(other.getLastValue());
                same.setUnit(other.getUnit());
            }
        }
    }

    private static boolean matches(CodeSummary summary, EventKind kind, Code code) {
        return summary.getKind() == kind && summary.getCode().getSystem() == code.getSystem()
                && Objects.equals(summary.getCode().getValue(), code.getValue());
    }

    /** The code an event is summarised under. */
    static Code codeOf(EventKind kind, Code code) {
        return code != null ? code
                : new Code(CodeSystem.LOCAL, "uncoded-" + kind.name().toLowerCase(Locale.ROOT), null);
    }
}
