package org.adrdstream.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code adrd} command line. Every option can also come from the environment ({@code ADRD_KAFKA_PORT}
 * for {@code --kafka-port}) or a properties file ({@code --config FILE} or {@code ADRD_CONFIG}); a flag beats
 * the environment, which beats the file, which beats the built-in default.
 */
@Command(name = "adrd",
        mixinStandardHelpOptions = true,
        versionProvider = AdrdVersion.class,
        description = "adrd-stream: streaming five-year ADRD risk from hospital data.",
        subcommands = {DemoCommand.class, BrokerCommand.class, RegistryCommand.class, TopicsCommand.class,
                StreamsCommand.class, SnapshotCommand.class, GenerateCommand.class, ConnectCommand.class,
                ReplayCommand.class, ConsumeCommand.class, DashboardCommand.class, ModelsCommand.class,
                ExperimentCommand.class,
                // also at the top, as a retraining job calls them: 'adrd train', 'adrd promote --best DIR'
                ModelsTrainCommand.class, ModelsPromoteCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Settings: flag > environment (ADRD_<OPTION>) > --config file > default.",
                "Run 'adrd COMMAND --help' for a command's options."})
public final class AdrdCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file of settings (keys: option names, optionally prefixed by the command, "
                    + "e.g. demo.kafka-port=19092). Same as ADRD_CONFIG.")
    private java.nio.file.Path config;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = commandLine(SettingsDefaultProvider.withConfigFlag(System.getenv(), args));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("adrd: " + e.getMessage() + " (check --config or ADRD_CONFIG)");
            System.exit(2);
            return;
        }
        System.exit(commandLine.execute(args));
    }

    /** The configured command line: defaults from {@code environment} and the config file it names. */
    public static CommandLine commandLine(java.util.Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new AdrdCommand());
        commandLine.setDefaultValueProvider(new SettingsDefaultProvider(environment));
        commandLine.setExecutionExceptionHandler(AdrdCommand::reportFailure);
        return commandLine;
    }

    /** Known failures (a port in use, a broker that does not answer) print one clear line, not a stack trace. */
    private static int reportFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("adrd " + commandLine.getCommandName() + ": " + Failures.describe(e));
        err.flush();
        return 1;
    }
}
