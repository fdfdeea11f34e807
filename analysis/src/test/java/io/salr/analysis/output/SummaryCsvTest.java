package io.salr.analysis.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salr.analysis.aggregate.Summary;
import io.salr.analysis.stats.Bootstrap;
import io.salr.analysis.tidy.TidyResults;
import io.salr.analysis.tidy.TidyRow;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SummaryCsvTest {

    @Test
    void singleRowRendersWithEmptyCellsAndNote() {
        TidyResults results = TidyResults.of(List.of("lr"), List.of(
                new TidyRow("s", "d", "m", "x", OptionalDouble.of(0.25), 1, "acc", 0.5, Map.of("lr", "1e-3"))));
        String csv = new SummaryCsv().render(Summary.of(results, new Bootstrap(10, 0.95), 1));
        assertEquals("dataset,model,method,gamma,lr,metric,n,mean,std,median,iqm,iqm_ci_low,iqm_ci_high,min,max,"
                + "diverged,mde_d,mde,note\n"
                + "d,m,x,0.25,1e-3,acc,1,0.5,,0.5,0.5,,,0.5,0.5,0,,,n too small\n", csv);
    }

    @Test
    void hyperparameterColumnNamedLikeAStatisticIsRejected() {
        TidyResults results = TidyResults.of(List.of("n"), List.of(
                new TidyRow("s", "d", "m", "x", OptionalDouble.empty(), 1, "acc", 0.5, Map.of("n", "3"))));
        Summary summary = Summary.of(results, new Bootstrap(10, 0.95), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SummaryCsv().render(summary));
        assertEquals("hyperparameter column 'n' has the name of a summary.csv column; rename it in the tidy input",
                e.getMessage());
    }
}
