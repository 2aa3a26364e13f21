package org.adrdstream.modelregistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.adrdstream.modelpackage.ModelPackage;

/**
 * The default model that ships inside this jar (docs/models.md, "The default model"), so a fresh machine
 * scores from the first minute. {@code adrd models train --default} reproduces it from the same recipe.
 */
public final class BundledModel {

    public static final String NAME = "adrd-default";
    public static final String VERSION = "1";
    private static final String RESOURCE_ROOT = "/org/adrdstream/modelregistry/bundled/";

    private BundledModel() {
    }

    /**
     * Copies the bundled package into {@code registry} unless that version is already there, and returns its
     * directory (the copy is verified when opened, like any package).
     */
    public static Path installInto(ModelRegistry registry) {
        Path directory = registry.directory(NAME, VERSION);
        if (Files.exists(directory.resolve(ModelPackage.MANIFEST))) {
            return directory;
        }
        try {
            Files.createDirectories(directory);
            // Manifest last: a half-copied package has no manifest, so it is copied again next time.
            for (String file : new String[] {ModelPackage.WEIGHTS, ModelPackage.TOKENIZER, ModelPackage.MANIFEST}) {
                try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE_ROOT + file)) {
                    if (in == null) {
                        throw new IllegalStateException("this build has no bundled model (" + RESOURCE_ROOT + file
                                + " missing); run 'adrd models train --default' or name a model with --model");
                    }
                    Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the bundled model into " + directory, e);
        }
    }
}
