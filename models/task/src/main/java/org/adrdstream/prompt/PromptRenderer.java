package org.adrdstream.prompt;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.PredictionTask;

/**
 * Renders a history at index time t0 as a prompt (docs/models.md, "Prompt"): age and sex, then the items of
 * each year before t0 from oldest to newest, then the question. The scorer and the trainer both call this
 * one renderer, so a model always sees prompts of the version it was trained on.
 *
 * <p>An item is one code of one kind in one year, collapsed: {@code dx:I10 essential hypertension x3}. The
 * display words follow a code's first rendered occurrence only. Over the token budget, items are kept in
 * this order: the first occurrence of every distinct diagnosis (conditions persist, so their onset is the
 * most informative fact), then everything else newest first; an item that does not fit is skipped.
 */
public final class PromptRenderer {

    /** Version recorded in every model package; a model refuses prompts of another version. */
    public static final String VERSION = "prompt-1";
    public static final String ANSWER_YES = "yes";
    public static final String ANSWER_NO = "no";
    /** Default token budget: the whole prompt, question included. */
    public static final int DEFAULT_TOKEN_BUDGET = 256;
    private static final int MAX_DISPLAY_WORDS = 3;
    private static final double DAYS_PER_YEAR = 365.25;

    private final PredictionTask task;
    private final int tokenBudget;

    public PromptRenderer(PredictionTask task, int tokenBudget) {
        this.task = Objects.requireNonNull(task, "task");
        if (tokenBudget < 16) {
            throw new IllegalArgumentException("token budget must be at least 16, was " + tokenBudget);
        }
        this.tokenBudget = tokenBudget;
    }

    public int tokenBudget() {
        return tokenBudget;
    }

    /** The prompt of {@code history} at {@code t0}: only events at or before t0 are read. */
    public Prompt render(PatientHistory history, Instant t0) {
        List<String> header = header(history, t0);
        List<String> question = List.of("question", "adrd", task.config().horizonYears() + "y", "answer");
        List<YearItem> items = collapse(history, t0);
        List<YearItem> chosen = select(items, tokenBudget - header.size() - question.size());
        chosen.sort(Comparator.comparingInt(YearItem::yearsBefore).reversed()
                .thenComparing(YearItem::time).thenComparing(YearItem::token));
        List<String> tokens = new ArrayList<>(header);
        List<PromptItem> rendered = new ArrayList<>(chosen.size());
        Set<String> displayed = new HashSet<>();
        int year = Integer.MIN_VALUE;
        for (YearItem item : chosen) {
            if (item.yearsBefore() != year) {
                year = item.yearsBefore();
                tokens.add(yearMarker(year));
            }
            int start = tokens.size();
            tokens.addAll(item.tokens(displayed.add(item.token())));
            rendered.add(item.asPromptItem(start, tokens.size()));
        }
        tokens.addAll(question);
        return new Prompt(VERSION, tokens, rendered);
    }

    private static List<String> header(PatientHistory history, Instant t0) {
        String age = history.getBirthDate() == null ? "?"
                : Integer.toString(Period.between(history.getBirthDate(), t0.atZone(ZoneOffset.UTC).toLocalDate()).getYears());
        return List.of("age", age, "sex", history.getSex().name().toLowerCase(Locale.ROOT));
    }

    /** Every input event and summary, collapsed to one item per year, kind and code. */
    private List<YearItem> collapse(PatientHistory history, Instant t0) {
        Map<String, YearItem> byKey = new LinkedHashMap<>();
        for (HistoryEvent event : task.inputEvents(history, t0)) {
            String token = codeToken(event.getKind(), event.getCode());
            if (token != null) {
                YearItem item = new YearItem(yearsBefore(event.getTime(), t0), event.getKind(), event.getCode(), token,
                        event.getTime(), 1, event.getValue());
                byKey.merge(item.key(), item, YearItem::merge);
            }
        }
        // A summary is read only when all it folded lies at or before t0: its count is unknown at an earlier t0.
        for (CodeSummary summary : history.getSummaries()) {
            String token = codeToken(summary.getKind(), summary.getCode());
            if (token != null && !summary.getLastTime().isAfter(t0)) {
                YearItem item = new YearItem(yearsBefore(summary.getLastTime(), t0), summary.getKind(), summary.getCode(),
                        token, summary.getLastTime(), summary.getCount(), summary.getLastValue());
                byKey.merge(item.key(), item, YearItem::merge);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The documented budget rule: first diagnoses, then newest first; items that do not fit are skipped. */
    private static List<YearItem> select(List<YearItem> items, int budget) {
        Map<String, YearItem> firstDiagnoses = new LinkedHashMap<>();
        items.stream().filter(i -> i.kind() == EventKind.DIAGNOSIS)
                .sorted(Comparator.comparing(YearItem::time))
                .forEach(i -> firstDiagnoses.putIfAbsent(i.token(), i));
        List<YearItem> order = new ArrayList<>(firstDiagnoses.values());
        order.sort(Comparator.comparing(YearItem::time).reversed().thenComparing(YearItem::token));
        Set<YearItem> first = new HashSet<>(firstDiagnoses.values());
        items.stream().filter(i -> !first.contains(i))
                .sorted(Comparator.comparing(YearItem::time).reversed().thenComparing(YearItem::token))
                .forEach(order::add);
        List<YearItem> chosen = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<Integer> years = new HashSet<>();
        int used = 0;
        for (YearItem item : order) {
            int cost = item.tokens(!codes.contains(item.token())).size() + (years.contains(item.yearsBefore()) ? 0 : 1);
            if (used + cost <= budget) {
                used += cost;
                chosen.add(item);
                codes.add(item.token());
                years.add(item.yearsBefore());
            }
        }
        return chosen;
    }

    /** Whole years (365.25 days) from {@code time} back from {@code t0}: the {@code y-N} bucket of an item. */
    public static int yearsBefore(Instant time, Instant t0) {
        return (int) Math.floor(Duration.between(time, t0).toHours() / 24.0 / DAYS_PER_YEAR);
    }

    public static String yearMarker(int yearsBefore) {
        return "y-" + yearsBefore;
    }

    /** The one token naming a code, e.g. {@code dx:G30.1}; null for kinds that are not rendered. */
    public static String codeToken(EventKind kind, Code code) {
        String prefix = switch (kind) {
            case DIAGNOSIS -> "dx";
            case MEDICATION -> "rx";
            case LAB -> "lab";
            case OBSERVATION -> "obs";
            case PROCEDURE -> "px";
            case ENCOUNTER -> "visit";
            default -> null;
        };
        if (prefix == null || code == null) {
            return null;
        }
        return prefix + ":" + code.getValue().replaceAll("\\s+", "");
    }

    static List<String> displayWords(Code code) {
        if (code.getDisplay() == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>(MAX_DISPLAY_WORDS);
        for (String word : code.getDisplay().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && words.size() < MAX_DISPLAY_WORDS) {
                words.add(word);
            }
        }
        return words;
    }
}
