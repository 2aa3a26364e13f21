package org.adrdstream.prompt;

import java.time.Instant;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.EventKind;

/**
 * One rendered history item: all occurrences of one code of one kind in one year before t0, collapsed.
 *
 * @param kind   event kind
 * @param code   the code
 * @param time   clinical time of the latest occurrence in the year
 * @param count  occurrences collapsed into the item
 * @param value  numeric value of the latest occurrence, or null
 * @param start  index of the item's first token in {@link Prompt#tokens()}
 * @param end    index after its last token
 */
public record PromptItem(EventKind kind, Code code, Instant time, int count, Double value, int start, int end) {

    PromptItem shiftedBy(int offset) {
        return new PromptItem(kind, code, time, count, value, start + offset, end + offset);
    }
}
