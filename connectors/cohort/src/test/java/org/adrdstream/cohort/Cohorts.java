package org.adrdstream.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.pseudonym.Pseudonymiser;

/** Writes small cohorts for the tests. */
final class Cohorts {

    static final Pseudonymiser PSEUDONYMISER = Pseudonymiser.withKey("test-key-0123456789");

    private Cohorts() {
    }

    static CohortGenerator generator(long seed) {
        return new CohortGenerator(CohortSettings.defaults(seed), PSEUDONYMISER);
    }

    static void write(Path out, int patients, long seed, CohortFormat... formats) throws IOException {
        CohortGenerator generator = generator(seed);
        List<CohortWriter> writers = new ArrayList<>();
        try {
            for (CohortFormat format : formats) {
                writers.add(format.open(out, generator.settings()));
            }
            generator.generate(patients, writers, done -> { });
        } finally {
            CohortWriter.closeAll(writers);
        }
    }
}
