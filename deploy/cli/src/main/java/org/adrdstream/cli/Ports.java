package org.adrdstream.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Validation of port options, so a typo is reported as a usage error rather than a bind failure. */
final class Ports {

    private Ports() {
    }

    static void check(CommandSpec spec, String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + port + " is not a port; use 1-65535, or 0 for any free port");
        }
    }
}
