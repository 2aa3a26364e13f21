package org.adrdstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code adrd models}: the model registry (docs/models.md): list packages, promote one, train one. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model registry: list packages, promote a version into service, train a model.",
        subcommands = {ModelsListCommand.class, ModelsPromoteCommand.class, ModelsTrainCommand.class})
final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
