package org.adrdstream.modelpackage;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import ai.djl.nn.Block;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.adrdstream.prompt.PromptRenderer;

/**
 * A model package directory: {@code manifest.json}, {@code weights.params} (DJL parameter file) and
 * {@code tokenizer.json}. Opening one checks everything a scorer relies on and refuses the package with a
 * message saying what is wrong: a mismatch of either file's SHA-256, a prompt version other than this
 * build's renderer, or (in {@link #requireIdentity}) a name, version or hash other than the one promoted.
 */
public final class ModelPackage {

    public static final String MANIFEST = "manifest.json";
    public static final String WEIGHTS = "weights.params";
    public static final String TOKENIZER = "tokenizer.json";

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final ModelManifest manifest;

    private ModelPackage(Path directory, ModelManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /** Opens and verifies the package in {@code directory}. */
    public static ModelPackage open(Path directory) throws PackageRefusedException {
        ModelManifest manifest = readManifest(directory);
        if (!PromptRenderer.VERSION.equals(manifest.promptVersion())) {
            throw new PackageRefusedException("model " + describe(manifest) + " was trained on prompts "
                    + manifest.promptVersion() + " but this build renders " + PromptRenderer.VERSION
                    + "; retrain it with this build or serve it with a build of its prompt version");
        }
        requireHash(directory.resolve(WEIGHTS), manifest.weightsSha256(), manifest);
        requireHash(directory.resolve(TOKENIZER), manifest.tokenizerSha256(), manifest);
        return new ModelPackage(directory, manifest);
    }

    /** Reads the manifest only, without verifying the files (for listings). */
    public static ModelManifest readManifest(Path directory) throws PackageRefusedException {
        Path file = directory.resolve(MANIFEST);
        try {
            return JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new PackageRefusedException(directory + " is not a model package: it has no " + MANIFEST);
        } catch (IOException | IllegalArgumentException e) {
            throw new PackageRefusedException("unreadable manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a package: the block's parameters, a copy of the tokenizer, and the manifest with both hashes.
     * Files are written under temporary names and moved into place, the manifest last.
     */
    public static ModelPackage write(Path directory, ModelManifest manifest, Block block, Path tokenizerJson)
            throws IOException {
        Files.createDirectories(directory);
        Path weights = directory.resolve(WEIGHTS);
        Path weightsTemp = directory.resolve(WEIGHTS + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(weightsTemp)))) {
            block.saveParameters(out);
        }
        Files.move(weightsTemp, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path tokenizer = directory.resolve(TOKENIZER);
        if (!tokenizerJson.toAbsolutePath().equals(tokenizer.toAbsolutePath())) {
            Files.copy(tokenizerJson, tokenizer, StandardCopyOption.REPLACE_EXISTING);
        }
        return writeManifest(directory, manifest.withHashes(sha256(weights), sha256(tokenizer)));
    }

    /** Replaces a package's manifest (metrics, calibration) and keeps its files and their hashes. */
    public static ModelPackage rewriteManifest(ModelPackage existing, ModelManifest manifest) throws IOException {
        return writeManifest(existing.directory,
                manifest.withHashes(existing.manifest.weightsSha256(), existing.manifest.tokenizerSha256()));
    }

    private static ModelPackage writeManifest(Path directory, ModelManifest complete) throws IOException {
        Path manifestTemp = directory.resolve(MANIFEST + ".tmp");
        try (OutputStream out = Files.newOutputStream(manifestTemp)) {
            JSON.writeValue(out, complete);
        }
        Files.move(manifestTemp, directory.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return new ModelPackage(directory, complete);
    }

    /** Refuses the package unless it is exactly the promoted one. */
    public ModelPackage requireIdentity(String name, String version, String weightsSha256) throws PackageRefusedException {
        if (!manifest.name().equals(name) || !manifest.version().equals(version)) {
            throw new PackageRefusedException("package at " + directory + " is " + describe(manifest) + ", not "
                    + name + " " + version + " as promoted; was it renamed or moved?");
        }
        if (weightsSha256 != null && !weightsSha256.equalsIgnoreCase(manifest.weightsSha256())) {
            throw new PackageRefusedException("package " + describe(manifest) + " has weights " + manifest.weightsSha256()
                    + " but " + weightsSha256 + " was promoted");
        }
        return this;
    }

    public Path directory() {
        return directory;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public Path weights() {
        return directory.resolve(WEIGHTS);
    }

    public Path tokenizer() {
        return directory.resolve(TOKENIZER);
    }

    static String describe(ModelManifest manifest) {
        return manifest.name() + " " + manifest.version();
    }

    private static void requireHash(Path file, String expected, ModelManifest manifest) throws PackageRefusedException {
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            throw new PackageRefusedException("model " + describe(manifest) + ": cannot read " + file + " (" + e + ")", e);
        }
        if (!actual.equalsIgnoreCase(expected)) {
            throw new PackageRefusedException("model " + describe(manifest) + ": " + file.getFileName() + " has SHA-256 "
                    + actual + " but the manifest says " + expected + "; the package is corrupt or was altered");
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
