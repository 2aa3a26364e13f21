package org.adrdstream.connect.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/** One FHIR R4 context per JVM (building it costs seconds); a parser per task (parsers are not thread-safe). */
final class FhirParsing {

    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    private FhirParsing() {
    }

    /** A JSON parser that tolerates unknown elements without logging them (log lines must not carry content). */
    static IParser newParser() {
        return Holder.CONTEXT.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }
}
