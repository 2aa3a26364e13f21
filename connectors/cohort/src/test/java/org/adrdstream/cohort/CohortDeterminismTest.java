package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortDeterminismTest {

    @TempDir
    Path temp;

    @Test
    void theSameSeedWritesTheSameBytesInEveryFormat() throws IOException {
        Cohorts.write(temp.resolve("a"), 40, 7, CohortFormat.values());
        Cohorts.write(temp.resolve("b"), 40, 7, CohortFormat.values());

        List<Path> files = filesUnder(temp.resolve("a"));
        assertThat(files).hasSizeGreaterThan(40); // one bundle per patient plus the other formats' files
        for (Path file : files) {
            Path twin = temp.resolve("b").resolve(temp.resolve("a").relativize(file));
            assertThat(Files.mismatch(file, twin)).as(file.toString()).isEqualTo(-1L);
        }
    }

    @Test
    void anotherSeedGivesAnotherCohort() throws IOException {
        Cohorts.write(temp.resolve("a"), 20, 7, CohortFormat.OMOP);
        Cohorts.write(temp.resolve("b"), 20, 8, CohortFormat.OMOP);

        assertThat(Files.mismatch(temp.resolve("a/omop/person.csv"), temp.resolve("b/omop/person.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void patientKIsTheSameWhateverTheCohortSize() throws IOException {
        Cohorts.write(temp.resolve("small"), 100, 11, CohortFormat.HL7, CohortFormat.OMOP, CohortFormat.EVENTS);
        Cohorts.write(temp.resolve("large"), 1_000, 11, CohortFormat.HL7, CohortFormat.OMOP, CohortFormat.EVENTS);

        // Files are written patient after patient, so the small cohort's files are prefixes of the large one's.
        for (String file : List.of("hl7/messages.mllp", "omop/person.csv", "omop/condition_occurrence.csv",
                "omop/measurement.csv", "omop/drug_exposure.csv")) {
            byte[] small = Files.readAllBytes(temp.resolve("small").resolve(file));
            byte[] large = Files.readAllBytes(temp.resolve("large").resolve(file));
            assertThat(large.length).as(file).isGreaterThan(small.length);
            assertThat(java.util.Arrays.copyOf(large, small.length)).as(file).isEqualTo(small);
        }
        assertThat(Cohorts.generator(11).patient(57)).isEqualTo(Cohorts.generator(11).patient(57));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
