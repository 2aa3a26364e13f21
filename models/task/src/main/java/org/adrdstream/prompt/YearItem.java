package org.adrdstream.prompt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.EventKind;

/** Occurrences of one code of one kind in one year before t0, while a prompt is being laid out. */
record YearItem(int yearsBefore, EventKind kind, Code code, String token, Instant time, int count, Double value) {

    String key() {
        return yearsBefore + " " + token;
    }

    /** Both collapsed: counts add up, the latest occurrence gives time, value and display. */
    static YearItem merge(YearItem a, YearItem b) {
        YearItem latest = b.time.isAfter(a.time) ? b : a;
        Double value = latest.value != null ? latest.value : (latest == a ? b.value : a.value);
        return new YearItem(a.yearsBefore, a.kind, latest.code, a.token, latest.time, a.count + b.count, value);
    }

    /** Code token, display words when asked, value to two significant digits, and the count when above one. */
    List<String> tokens(boolean withDisplay) {
        List<String> tokens = new ArrayList<>(6);
        tokens.add(token);
        if (withDisplay) {
            tokens.addAll(PromptRenderer.displayWords(code));
        }
        if (value != null && Double.isFinite(value)) {
            tokens.add(new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString());
        }
        if (count > 1) {
            tokens.add("x" + Math.min(count, 9) + (count > 9 ? "+" : ""));
        }
        return tokens;
    }

    PromptItem asPromptItem(int start, int end) {
        return new PromptItem(kind, code, time, count, value, start, end);
    }
}
