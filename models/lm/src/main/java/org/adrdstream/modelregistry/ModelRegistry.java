package org.adrdstream.modelregistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;

/**
 * A directory of model packages laid out as {@code <root>/<name>/<version>/}. Which version serves is not
 * kept here: it is the latest {@code ModelPromotion} per name on {@code models.control.v1}.
 */
public final class ModelRegistry {

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** Where the package of {@code name} {@code version} lives (or would). */
    public Path directory(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    /** Opens and verifies a package; refuses one whose manifest names another model or version than its place. */
    public ModelPackage open(String name, String version) throws PackageRefusedException {
        ModelPackage opened = ModelPackage.open(directory(name, version));
        return opened.requireIdentity(name, version, null);
    }

    /**
     * Copies a verified package into the registry as {@code name} {@code version} (its manifest renamed, its
     * files and hashes unchanged) and returns the copy, verified. Refuses to overwrite an existing version.
     */
    public ModelPackage add(ModelPackage source, String name, String version) throws IOException, PackageRefusedException {
        Path target = directory(name, version);
        if (Files.exists(target.resolve(ModelPackage.MANIFEST))) {
            throw new PackageRefusedException(name + " " + version + " is already in the registry at " + target
                    + "; choose another version");
        }
        Files.createDirectories(target);
        // Manifest last: a half-copied package has no manifest and is not a package.
        for (String file : new String[] {ModelPackage.WEIGHTS, ModelPackage.TOKENIZER, ModelPackage.MANIFEST}) {
            Files.copy(source.directory().resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        ModelPackage copied = ModelPackage.open(target);
        ModelPackage.rewriteManifest(copied, copied.manifest().withIdentity(name, version));
        return open(name, version);
    }

    /** Every package's manifest (unverified: listing must not hash gigabytes), by name then version. */
    public List<Listed> list() throws IOException {
        List<Listed> listed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return listed;
        }
        try (Stream<Path> names = Files.list(root)) {
            for (Path name : names.filter(Files::isDirectory).toList()) {
                try (Stream<Path> versions = Files.list(name)) {
                    for (Path version : versions.filter(Files::isDirectory).toList()) {
                        listed.add(listing(version));
                    }
                }
            }
        }
        listed.sort(Comparator.comparing(Listed::name).thenComparing(Listed::version));
        return listed;
    }

    private static Listed listing(Path directory) {
        String name = directory.getParent().getFileName().toString();
        String version = directory.getFileName().toString();
        try {
            return new Listed(name, version, directory, ModelPackage.readManifest(directory), null);
        } catch (PackageRefusedException e) {
            return new Listed(name, version, directory, null, e.getMessage());
        }
    }

    /**
     * One registry entry.
     *
     * @param manifest its manifest, or null when unreadable
     * @param problem  why the manifest could not be read, or null
     */
    public record Listed(String name, String version, Path directory, ModelManifest manifest, String problem) {
    }
}
