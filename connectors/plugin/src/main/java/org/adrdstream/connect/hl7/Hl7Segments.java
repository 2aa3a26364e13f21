package org.adrdstream.connect.hl7;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;

/** A message's segments in wire order, whatever its structure, and null-safe access to their fields. */
final class Hl7Segments {

    private Hl7Segments() {
    }

    static List<Segment> of(Group message) throws HL7Exception {
        List<Segment> segments = new ArrayList<>();
        collect(message, segments);
        return segments;
    }

    private static void collect(Group group, List<Segment> into) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        into.add(segment);
                    }
                } else if (structure instanceof Group child) {
                    collect(child, into);
                }
            }
        }
    }

    /** Field, component and subcomponent (1-based) of the first repetition; empty string when absent. */
    static String get(Segment segment, int field, int component, int subcomponent) {
        return get(segment, field, 0, component, subcomponent);
    }

    static String get(Segment segment, int field, int repetition, int component, int subcomponent) {
        try {
            String value = Terser.get(segment, field, repetition, component, subcomponent);
            return value == null ? "" : value.trim();
        } catch (HL7Exception e) {
            return "";
        }
    }

    static int repetitions(Segment segment, int field) {
        try {
            return segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }
}
