package org.adrdstream.modelregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aPackageAddedUnderANewNameIsVerifiedAndKeepsItsWeights() throws Exception {
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        BundledModel.installInto(registry);
        ModelPackage source = registry.open(BundledModel.NAME, BundledModel.VERSION);

        ModelPackage added = registry.add(source, "adrd-study", "abc123");

        assertThat(added.directory()).isEqualTo(registry.directory("adrd-study", "abc123"));
        assertThat(added.manifest().name()).isEqualTo("adrd-study");
        assertThat(added.manifest().version()).isEqualTo("abc123");
        assertThat(added.manifest().weightsSha256()).isEqualTo(source.manifest().weightsSha256());
        assertThat(added.manifest().metrics()).isEqualTo(source.manifest().metrics());
        assertThatThrownBy(() -> registry.add(source, "adrd-study", "abc123"))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("already in the registry");
    }
}
