package org.adrdstream.study.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.Architecture;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.study.grid.FewShotConfiguration.Demonstrations;
import org.adrdstream.study.grid.StudyConfiguration.Recipe;

/**
 * A study grid: factor levels whose product is the set of configurations, the shared recipe, and the data a
 * generated cohort should have. Read from a properties file (docs/study.md, "Grid files"); {@code quick},
 * {@code default} and {@code paper} are built in.
 *
 * @param name           the grid's name (the file name without extension for a file)
 * @param targets        fine-tuning targets
 * @param models         family and size pairs
 * @param scales         labelled training examples ({@link Integer#MAX_VALUE}: all)
 * @param seeds          training seeds
 * @param recipe         the shared recipe
 * @param cohortPatients patients to generate when no data is given
 * @param cohortSeed     the generated cohort's seed
 * @param resamples      bootstrap resamples for every interval
 * @param indexDate      {@code null}: each example at a random eligible time (the default); else one calendar date
 * @param fewShot        few-shot prompting arms per model and seed (empty: none)
 * @param shots          demonstrations per few-shot context
 * @param basePretrainEpochs the few-shot base models' pretraining passes
 * @param teacher        the optional LLM teacher of the rationales, or {@code null} for the built-in generator
 */
public record Grid(String name, List<TrainingTarget> targets, List<Model> models, List<Integer> scales, List<Long> seeds,
                   Recipe recipe, int cohortPatients, long cohortSeed, int resamples, LocalDate indexDate,
                   List<Demonstrations> fewShot, int shots, int basePretrainEpochs, Teacher teacher) {

    /** The grids that ship with the platform. */
    public static final List<String> BUILT_IN = List.of("quick", "default", "paper");
    private static final Set<String> KEYS = Set.of("targets", "models", "scales", "seeds", "token.budget",
            "pretrain.epochs", "fine.tune.epochs", "batch.size", "learning.rate", "cohort.patients", "cohort.seed",
            "bootstrap.resamples", "index.date", "few.shot", "few.shot.k",
            "few.shot.pretrain.epochs", "teacher.url", "teacher.model", "teacher.api.key.env", "teacher.timeout.s");

    public Grid {
        targets = List.copyOf(targets);
        models = List.copyOf(models);
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
        fewShot = List.copyOf(fewShot);
        if (targets.isEmpty() || models.isEmpty() || scales.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("grid " + name + " needs at least one target, model, scale and seed");
        }
    }

    /** A built-in grid by name, or a grid file. */
    public static Grid load(String nameOrFile) throws IOException {
        if (BUILT_IN.contains(nameOrFile)) {
            try (InputStream in = Grid.class.getResourceAsStream("/org/adrdstream/study/grids/" + nameOrFile + ".properties")) {
                return parse(nameOrFile, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no grid '" + nameOrFile + "': name one of " + BUILT_IN
                    + " or a grid file (docs/study.md, \"Grid files\")");
        }
        String fileName = file.getFileName().toString();
        return parse(fileName.replaceFirst("\\.properties$", ""), Files.readString(file));
    }

    /** Parses grid properties; every problem is reported with the key and what it accepts. */
    public static Grid parse(String name, String text) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new java.io.StringReader(text)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("grid " + name + ": unknown key '" + key + "'; keys are " + KEYS);
            }
        }
        Recipe recipe = new Recipe(integer(properties, "token.budget", "192"), integer(properties, "pretrain.epochs", "1"),
                integer(properties, "fine.tune.epochs", "3"), integer(properties, "batch.size", "32"),
                Float.parseFloat(properties.getProperty("learning.rate", "0.002")));
        return new Grid(name,
                list(properties, "targets", null, v -> TrainingTarget.valueOf(v.toUpperCase(Locale.ROOT))),
                list(properties, "models", "transformer:tiny", Model::parse),
                list(properties, "scales", "all", v -> v.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(v)),
                list(properties, "seeds", "1", Long::parseLong), recipe,
                integer(properties, "cohort.patients", "6000"), Long.parseLong(properties.getProperty("cohort.seed", "42")),
                integer(properties, "bootstrap.resamples", "1000"),
                parseOrExplain("index.date", properties.getProperty("index.date", "random"),
                        v -> v.equals("random") ? null : LocalDate.parse(v)),
                properties.getProperty("few.shot", "").isBlank() ? List.of()
                        : list(properties, "few.shot", null, v -> Demonstrations.valueOf(v.toUpperCase(Locale.ROOT))),
                integer(properties, "few.shot.k", "2"), integer(properties, "few.shot.pretrain.epochs", "4"),
                teacher(properties));
    }

    /**
     * Every configuration, targets innermost: the configurations that are compared with each other (same
     * model, scale and seed) finish together, so an interrupted grid still has complete paired sets.
     */
    public List<StudyConfiguration> configurations() {
        List<StudyConfiguration> all = new ArrayList<>();
        for (long seed : seeds) {
            for (int scale : scales) {
                for (Model model : models) {
                    for (TrainingTarget target : targets) {
                        all.add(new StudyConfiguration(target, model.family(), model.size(), model.reasoning(), scale,
                                seed, recipe));
                    }
                }
            }
        }
        return all;
    }

    /** The few-shot arms: each model and seed, each kind of demonstration (zero-shot takes none). */
    public List<FewShotConfiguration> fewShotConfigurations() {
        List<FewShotConfiguration> all = new ArrayList<>();
        for (long seed : seeds) {
            for (Model model : models) {
                for (Demonstrations kind : fewShot) {
                    all.add(new FewShotConfiguration(kind, model.family(), model.size(), model.reasoning(),
                            kind == Demonstrations.NONE ? 0 : shots, seed, basePretrainEpochs, recipe));
                }
            }
        }
        return all;
    }

    private static Teacher teacher(Properties properties) {
        String url = properties.getProperty("teacher.url");
        if (url == null || url.isBlank()) {
            return null;
        }
        String model = properties.getProperty("teacher.model");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("grid key 'teacher.url' needs 'teacher.model' (the model name the server expects)");
        }
        return new Teacher(parseOrExplain("teacher.url", url.trim(), java.net.URI::create), model.trim(),
                properties.getProperty("teacher.api.key.env", ""), integer(properties, "teacher.timeout.s", "60"));
    }

    private static int integer(Properties properties, String key, String fallback) {
        return parseOrExplain(key, properties.getProperty(key, fallback), Integer::parseInt);
    }

    private static <T> List<T> list(Properties properties, String key, String fallback, Function<String, T> parser) {
        String value = properties.getProperty(key, fallback);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("grid needs '" + key + "' (a comma-separated list)");
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> parseOrExplain(key, v, parser)).toList();
    }

    private static <T> T parseOrExplain(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("grid key '" + key + "': cannot read '" + value + "' (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The optional LLM teacher (docs/study.md, "Teacher").
     *
     * @param url            OpenAI-compatible API base, e.g. {@code http://127.0.0.1:8000/v1/}
     * @param model          model name the server expects
     * @param apiKeyVariable environment variable holding the API key (empty: none); the key itself is never in a file
     * @param timeoutSeconds per request
     */
    public record Teacher(java.net.URI url, String model, String apiKeyVariable, int timeoutSeconds) {
    }

    /**
     * A model family and named size, written {@code transformer:tiny} in grid files; {@code transformer:tiny:reasoning}
     * is the same model on a reasoning-oriented base (docs/study.md, "Reasoning-oriented base").
     *
     * @param family    the family
     * @param size      one of its named sizes
     * @param reasoning whether pretraining also reads the training examples' rationales
     */
    public record Model(ModelFamily family, String size, boolean reasoning) {

        static Model parse(String text) {
            String[] parts = text.split(":");
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].trim().equals("reasoning"))) {
                throw new IllegalArgumentException("write models as family:size[:reasoning], e.g. transformer:tiny or "
                        + "recurrent:small:reasoning");
            }
            Model model = new Model(ModelFamily.valueOf(parts[0].trim().toUpperCase(Locale.ROOT)), parts[1].trim(),
                    parts.length == 3);
            Architecture.of(model.family(), model.size(), 64, 64); // rejects an unknown size now, not mid-grid
            return model;
        }
    }
}
