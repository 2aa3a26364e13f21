package org.adrdstream.streams.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;

/** Model packages for scoring tests: the bundled one, re-released or damaged copies, and their promotions. */
public final class ModelFixtures {

    private ModelFixtures() {
    }

    /** The bundled package re-released under another version (same weights): enough to see a switch. */
    public static ModelPackage copyAsVersion(ModelRegistry models, String version) throws Exception {
        ModelPackage original = ModelPackage.open(BundledModel.installInto(models));
        Path target = models.directory(BundledModel.NAME, version);
        Files.createDirectories(target);
        Files.copy(original.weights(), target.resolve(ModelPackage.WEIGHTS));
        Files.copy(original.tokenizer(), target.resolve(ModelPackage.TOKENIZER));
        ModelManifest m = original.manifest();
        ModelManifest renamed = new ModelManifest(m.name(), version, m.architecture(), m.target(), m.promptVersion(),
                m.tokenBudget(), m.taskCodeList(), m.training(), m.dataFingerprint(), m.metrics(), m.calibration(),
                m.weightsSha256(), m.tokenizerSha256(), m.createdAt());
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValue(target.resolve(ModelPackage.MANIFEST).toFile(),
                renamed);
        return models.open(BundledModel.NAME, version);
    }

    /** Flips one bit of a package's weights, so its SHA-256 no longer matches. */
    public static void corrupt(ModelPackage model) throws Exception {
        byte[] weights = Files.readAllBytes(model.weights());
        weights[weights.length / 2] ^= 1;
        Files.write(model.weights(), weights, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static ModelPromotion promotion(ModelPackage model) {
        return new ModelPromotion(model.manifest().name(), model.manifest().version(), model.directory().toUri().toString(),
                model.manifest().weightsSha256(), Instant.now(), "test promotion", "test");
    }
}
