package org.adrdstream.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, with the Java it runs on. */
final class AdrdVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = AdrdVersion.class.getPackage().getImplementationVersion();
        return new String[] {"adrd-stream " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
