package io.salr.analysis.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.salr.analysis.aggregate.Summary;
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
        String csv = new SummaryCsv().render(Summary.of(results));
        assertEquals("dataset,model,method,gamma,lr,metric,direction,n,n_diverged,n_collapsed,mean,std,ci_low,ci_high,"
                + "median,iqm,min,max,mde_d,mde,note\n"
                + "d,m,x,0.25,1e-3,acc,,1,0,0,0.5,,,,0.5,0.5,0.5,0.5,,,n too small\n", csv);
    }

    @Test
    void hyperparameterColumnNamedLikeAStatisticIsRejected() {
        TidyResults results = TidyResults.of(List.of("n"), List.of(
                new TidyRow("s", "d", "m", "x", OptionalDouble.empty(), 1, "acc", 0.5, Map.of("n", "3"))));
        Summary summary = Summary.of(results);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SummaryCsv().render(summary));
        assertEquals("hyperparameter column 'n' has the name of a summary.csv column; rename it in the tidy input",
                e.getMessage());
    }
}
