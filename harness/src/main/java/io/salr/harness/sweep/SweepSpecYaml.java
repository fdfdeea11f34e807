package io.salr.harness.sweep;

import io.salr.harness.run.EngineChoice;
import io.salr.optimizers.spec.Method;
import io.salr.optimizers.spec.ParamValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The writing half of the sweep spec's YAML codec: a typed {@link SweepSpec} as the document {@link SweepSpec#parse}
 * reads back to an equal spec. A derived stage of a study (its pre-training, tuning and test sweeps) is a transformed
 * spec written here, never a rewritten map. Every field is written out, the defaults included, so the document
 * says the whole sweep.
 */
final class SweepSpecYaml {

    private SweepSpecYaml() {
    }

    static String write(SweepSpec s) {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new Representer(dump), dump).dump(tree(s));
    }

    /** The spec as the plain tree a YAML writer takes, keys in the order of the spec's documentation. */
    static Map<String, Object> tree(SweepSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", s.study());
        m.put("datasets", s.datasets());
        m.put("models", s.models());
        m.put("methods", s.methods().stream().map(Method::cliName).toList());
        m.put("engines", s.engines().stream().map(EngineChoice::label).toList());
        if (!s.device().isCpu()) {
            m.put("device", s.device().label());
        }
        if (!s.grid().isEmpty()) {
            Map<String, Object> g = new LinkedHashMap<>();
            s.grid().forEach((p, values) -> g.put(p.key(), plain(values)));
            m.put("grid", g);
        }
        if (!s.overrides().isEmpty()) {
            Map<String, Object> o = new LinkedHashMap<>();
            s.overrides().forEach((method, params) -> {
                Map<String, Object> mo = new LinkedHashMap<>();
                params.forEach((p, values) -> mo.put(p.key(), plain(values)));
                o.put(method.cliName(), mo);
            });
            m.put("overrides", o);
        }
        m.put("seeds", s.seeds());
        Map<String, Object> b = new LinkedHashMap<>();
        if (s.budget().gradientCalls() > 0) {
            b.put("gradient_calls", s.budget().gradientCalls());
        } else {
            b.put("epochs", s.budget().epochs());
            if (s.budget().reference() != null) {
                b.put("of", s.budget().reference().cliName());
            }
        }
        b.put("currency", s.budget().currency().label());
        m.put("budget", b);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("train_subset", s.data().trainSubset());
        d.put("test_subset", s.data().testSubset());
        d.put("subset_mode", s.data().subsetMode().name().toLowerCase(Locale.ROOT));
        d.put("validation_examples", s.data().validationExamples());
        d.put("validation_seed", s.data().validationSeed());
        if (!s.data().classes().isEmpty()) {
            d.put("classes", s.data().classes());
        }
        m.put("data", d);
        m.put("batch_size", s.batchSize());
        Map<String, Object> mo = new LinkedHashMap<>();
        mo.put("hidden", s.model().hidden());
        mo.put("dropout", s.model().dropout());
        mo.put("batch_norm", s.model().batchNorm());
        mo.put("width", s.model().widthMultiplier());
        m.put("model_options", mo);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sharpness_examples", s.evaluation().sharpnessExamples());
        e.put("hessian_iterations", s.evaluation().hessianIterations());
        e.put("gamma", s.evaluation().gamma());
        e.put("n1", s.evaluation().n1());
        e.put("n2", s.evaluation().n2());
        if (s.evaluation().epochTrainExamples() > 0) {
            e.put("epoch_train_examples", s.evaluation().epochTrainExamples()); // only when set: derived stages keep their text
        }
        m.put("evaluation", e);
        s.reference().ifPresent(r -> m.put("reference", r.cliName()));
        if (!s.controls().isEmpty()) {
            m.put("controls", s.controls().stream().map(c -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("method", c.method().cliName());
                cm.put("iterations_of", c.iterationsOf().cliName());
                return cm;
            }).toList());
        }
        if (!s.exclude().isEmpty()) {
            m.put("exclude", s.exclude().stream().map(x -> {
                Map<String, Object> xm = new LinkedHashMap<>();
                x.model().ifPresent(name -> xm.put("model", name));
                x.method().ifPresent(method -> xm.put("method", method.cliName()));
                x.params().forEach((p, v) -> xm.put(p.key(), v.plain()));
                return xm;
            }).toList());
        }
        if (!s.departures().isEmpty()) {
            m.put("departures", s.departures());
        }
        s.threads().ifPresent(t -> m.put("threads", t));
        if (s.initFolder().isPresent()) {
            m.put("init_from", s.initFolder().get().toString());
        } else {
            s.weights().initFrom().ifPresent(id -> m.put("init_from", id));
        }
        if (s.weights().save()) {
            m.put("save_weights", true);
        }
        return m;
    }

    private static List<Object> plain(List<ParamValue> values) {
        return values.stream().map(ParamValue::plain).toList();
    }
}
