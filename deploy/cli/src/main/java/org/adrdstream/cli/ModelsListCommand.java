package org.adrdstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.streams.scoring.ScoringSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adrd models list}: the packages in a registry directory, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the model packages in a registry directory.")
final class ModelsListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--model-registry", paramLabel = "DIR", description = "Registry directory; default ~/.adrd/models.")
    Path registry;

    @Override
    public Integer call() throws IOException {
        ModelRegistry models = new ModelRegistry(registry != null ? registry : ScoringSettings.DEFAULT_REGISTRY);
        PrintWriter out = spec.commandLine().getOut();
        var listed = models.list();
        if (listed.isEmpty()) {
            out.println("no model packages in " + models.root() + " (train one: adrd models train)");
            return 0;
        }
        out.printf(Locale.ROOT, "%-24s %-10s %-12s %-6s %-11s %8s  %s%n", "NAME", "VERSION", "FAMILY", "SIZE", "TARGET",
                "AUROC", "WEIGHTS SHA-256");
        for (ModelRegistry.Listed entry : listed) {
            ModelManifest m = entry.manifest();
            if (m == null) {
                out.printf(Locale.ROOT, "%-24s %-10s unreadable: %s%n", entry.name(), entry.version(), entry.problem());
                continue;
            }
            Double auroc = m.metrics().get("validation_auroc");
            out.printf(Locale.ROOT, "%-24s %-10s %-12s %-6s %-11s %8s  %s%n", entry.name(), entry.version(),
                    m.architecture().family().name().toLowerCase(Locale.ROOT), m.architecture().size(), m.target(),
                    auroc == null ? "-" : String.format(Locale.ROOT, "%.3f", auroc),
                    m.weightsSha256() == null ? "-" : m.weightsSha256().substring(0, 16) + "…");
        }
        return 0;
    }
}
