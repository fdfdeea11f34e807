package io.salr.harness.cli;

import io.salr.harness.sweep.Export;
import io.salr.harness.sweep.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code salr export}: the tidy CSV of a store's results (what {@code salr report} and the analysis read). */
@Command(name = "export", header = "Write a store's results as one tidy CSV.", mixinStandardHelpOptions = true,
        description = {"Write a store's results as a tidy CSV: study,dataset,model,method,gamma,seed,metric,value",
            "plus one column per hyperparameter the sweep varies. Diverged runs give only diverged=1; failed runs give no rows."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "The results store.")
    Path store;

    @Option(names = "--out", required = true, description = "The CSV file to write.")
    Path out;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() {
        Export.Exported e = export(store, out, commandSpec.commandLine().getOut());
        return e.rows().isEmpty() ? 1 : 0;
    }

    static Export.Exported export(Path store, Path out, PrintWriter log) {
        Store.Opened o = Store.open(store);
        Export.Exported e = Export.of(o.store(), o.plan());
        Export.write(e, out);
        log.printf("exported %d rows from %d runs to %s%n", e.rows().size(), e.exportedRuns(), out);
        if (!e.failed().isEmpty()) {
            log.println("warning: " + e.failed().size() + " failed runs left out: " + String.join(", ", e.failed()));
        }
        if (!e.incomplete().isEmpty()) {
            log.println("warning: " + e.incomplete().size() + " runs not complete yet, left out");
        }
        log.flush();
        return e;
    }
}
