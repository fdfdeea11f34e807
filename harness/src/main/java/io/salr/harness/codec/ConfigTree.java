package io.salr.harness.codec;

import io.salr.optimizers.methods.AdamConfig;
import io.salr.optimizers.methods.EntropySgdConfig;
import io.salr.optimizers.methods.GradientMethodConfig;
import io.salr.optimizers.methods.MethodConfig;
import io.salr.optimizers.methods.RateConfig;
import io.salr.optimizers.methods.RuleConfig;
import io.salr.optimizers.methods.SalrRate;
import io.salr.optimizers.methods.SamConfig;
import io.salr.optimizers.methods.ScheduledRate;
import io.salr.optimizers.methods.SgdConfig;
import io.salr.optimizers.methods.StochasticSharpnessConfig;
import io.salr.optimizers.methods.SwaConfig;
import io.salr.optimizers.schedule.BaseSchedule;
import io.salr.optimizers.schedule.SalrScheduleConfig;
import io.salr.optimizers.sharpness.SharpnessConfig;
import io.salr.optimizers.spec.ParamValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writing half of the codec for the optimizers' bound configurations: a method's configuration as the tree a run
 * records (result.json's {@code method}). Every option is named as a spec file names it ({@code weight_decay},
 * {@code scope_gamma}, {@code clamp_max}); a configuration nested in another is a nested map. The configurations are
 * sealed (the base schedules are two records): every kind is matched here, and a test describes every method's
 * configuration, so a kind added without its description fails that test.
 */
public final class ConfigTree {

    private ConfigTree() {
    }

    /**
     * A run spec's method parameters (spec.json's {@code method_params}): every parameter by its spec-file name, in
     * {@link io.salr.optimizers.spec.Param}'s order, numbers as Double or Integer, choices as their labels.
     */
    public static Map<String, Object> parameters(io.salr.optimizers.spec.MethodSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        spec.values().forEach((p, v) -> out.put(p.key(), v.plain()));
        return out;
    }

    /** A method's configuration: its paper name, its rule, its rate or schedule and its own options. */
    public static Map<String, Object> method(MethodConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", config.name());
        if (config instanceof GradientMethodConfig g) {
            out.put("rule", rule(g.rule()));
            out.put("rate", rate(g.rate()));
        } else if (config instanceof SamConfig s) {
            out.put("rule", rule(s.rule()));
            out.put("schedule", schedule(s.schedule()));
            out.put("rho", s.rho());
        } else if (config instanceof SwaConfig s) {
            out.put("rule", rule(s.rule()));
            out.put("schedule", schedule(s.schedule()));
            out.put("swa_start_iteration", s.startIteration());
            out.put("swa_lr_max", s.rateMax());
            out.put("swa_lr_min", s.rateMin());
            out.put("swa_cycle", s.cycle());
        } else if (config instanceof EntropySgdConfig e) {
            out.put("rule", rule(e.outerRule()));
            out.put("rate", rate(e.outerRate()));
            out.put("langevin_steps", e.loop().langevinSteps());
            out.put("langevin_lr", e.loop().langevinLr());
            out.put("noise", e.loop().noise());
            out.put("scope_gamma", e.loop().scopeGamma());
            out.put("scoping", e.loop().scoping());
            out.put("scope_max", e.loop().scopeMax());
            out.put("alpha", e.loop().alpha());
            out.put("langevin_momentum", e.loop().langevinMomentum());
        } else {
            throw unknown(config);
        }
        return out;
    }

    /** A first-order rule: SGD's momentum and weight decay, or Adam's moments. */
    public static Map<String, Object> rule(RuleConfig rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", rule.name());
        if (rule instanceof SgdConfig s) {
            out.put("momentum", s.momentum());
            out.put("weight_decay", s.weightDecay());
        } else if (rule instanceof AdamConfig a) {
            out.put("beta1", a.beta1());
            out.put("beta2", a.beta2());
            out.put("eps", a.epsilon());
            out.put("weight_decay", a.weightDecay());
        } else {
            throw unknown(rule);
        }
        return out;
    }

    /** Where the learning rate comes from: a base schedule, or SALR's schedule and probe. */
    public static Map<String, Object> rate(RateConfig rate) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rate instanceof ScheduledRate s) {
            out.put("rate", "scheduled");
            out.put("schedule", schedule(s.schedule()));
        } else if (rate instanceof SalrRate s) {
            out.put("rate", "SALR");
            out.put("schedule", salrSchedule(s.schedule()));
            out.put("sharpness", sharpness(s.sharpness()));
        } else {
            throw unknown(rate);
        }
        return out;
    }

    /** A base schedule: constant, or a step decay with its period in iterations. */
    public static Map<String, Object> schedule(BaseSchedule schedule) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (schedule instanceof BaseSchedule.Constant c) {
            out.put("type", "constant");
            out.put("lr", c.eta0());
        } else if (schedule instanceof BaseSchedule.StepDecay d) {
            out.put("type", "step-decay");
            out.put("lr", d.eta0());
            out.put("decay_factor", d.factor());
            out.put("decay_every_iterations", d.everyIterations());
        } else {
            throw unknown(schedule);
        }
        return out;
    }

    /** SALR's schedule: a clamp that is off is 0, as in a spec; the base schedule and the prior sharpness values. */
    public static Map<String, Object> salrSchedule(SalrScheduleConfig s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lr", s.eta0());
        out.put("c", s.c());
        out.put("clamp_min", s.multiplierMin().orElse(0.0));
        out.put("clamp_max", s.multiplierMax().orElse(0.0));
        out.put("warmup", s.warmupIterations());
        out.put("schedule", schedule(s.baseSchedule()));
        out.put("prior_sharpness", s.priorSharpness());
        return out;
    }

    /** Algorithm 2's probe: gamma, n1, n2 and how a step is normalized, on which batch, at a zero gradient. */
    public static Map<String, Object> sharpness(StochasticSharpnessConfig s) {
        Map<String, Object> out = sharpness(s.sharpness());
        out.put("normalization", ParamValue.label(s.normalization()));
        out.put("probe_batch", ParamValue.label(s.probeBatch()));
        out.put("zero_gradient_policy", ParamValue.label(s.zeroGradientPolicy()));
        return out;
    }

    /** Definition 1's gamma, n1 and n2. */
    public static Map<String, Object> sharpness(SharpnessConfig s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gamma", s.gamma());
        out.put("n1", s.n1());
        out.put("n2", s.n2());
        return out;
    }

    private static IllegalArgumentException unknown(Object config) {
        return new IllegalArgumentException("the codec has no description of " + config.getClass().getName());
    }
}
