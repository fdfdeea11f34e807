package io.salr.harness.cli;

import picocli.CommandLine;

/** Reports the project version from the jar manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SalrCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "salr-harness " + (version == null ? "development" : version),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch")
        };
    }
}
