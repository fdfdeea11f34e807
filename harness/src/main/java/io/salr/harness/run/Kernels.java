package io.salr.harness.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which CPU kernels the numeric libraries may choose. BLAS (OpenBLAS), oneDNN and LibTorch pick their
 * kernels from the processor at load time: on an AVX-512 machine OpenBLAS takes its SkylakeX kernels,
 * whose sums round differently from the Haswell (AVX2) kernels an AVX2-only machine gets, so the same run
 * differs in the 7th digit between the two (the pinned replay recorded on one failed on the other).
 *
 * <ul>
 *   <li>{@link #PINNED}: every library is capped at the AVX2 kernel family, which every x86-64 CPU
 *       with AVX2 has, so a run gives the same bits on AVX2-only and AVX-512 machines alike. Used for
 *       the committed baselines, the pinned replay, and by default for every run.</li>
 *   <li>{@link #NATIVE}: the libraries choose for themselves (possibly faster on AVX-512; the numbers
 *       then depend on the CPU). Allowed for exploratory sweeps and recorded in each run's provenance.</li>
 * </ul>
 *
 * The libraries read these settings from the environment when they load, so a pin applies to a JVM
 * started with it: worker JVMs get it from their sweep, and the {@code salr} launcher exports it unless
 * {@code SALR_KERNELS=native}.
 */
public enum Kernels {
    PINNED,
    NATIVE;

    /**
     * The variables of the pin. OPENBLAS_CORETYPE selects OpenBLAS's kernel family; ONEDNN_MAX_CPU_ISA
     * (and its older name DNNL_MAX_CPU_ISA) caps oneDNN's JIT kernels, which DL4J uses for convolutions;
     * ATEN_CPU_CAPABILITY caps LibTorch's vectorized kernels.
     */
    public static final Map<String, String> PIN = pin();

    private static Map<String, String> pin() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("OPENBLAS_CORETYPE", "Haswell");
        m.put("ONEDNN_MAX_CPU_ISA", "AVX2");
        m.put("DNNL_MAX_CPU_ISA", "AVX2");
        m.put("ATEN_CPU_CAPABILITY", "avx2");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Parses {@code pinned} or {@code native} (any case); anything else names the field and the value. */
    public static Kernels parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "pinned" -> PINNED;
            case "native" -> NATIVE;
            default -> throw new io.salr.validation.InvalidParameterException(field, text,
                    "must be pinned or native");
        };
    }

    /**
     * Sets up a child process's environment: the pin's variables for {@link #PINNED} (overriding what the
     * caller had), none of them for {@link #NATIVE} (so the libraries choose from the CPU).
     */
    public void applyTo(Map<String, String> environment) {
        if (this == PINNED) {
            environment.putAll(PIN);
        } else {
            PIN.keySet().forEach(environment::remove);
        }
    }

    /** What this JVM was started with: {@link #PINNED} when every variable of the pin is set to its value. */
    public static Kernels ofThisProcess() {
        return ofEnvironment(System.getenv());
    }

    /** {@link #PINNED} when {@code environment} holds every variable of the pin with its value. */
    public static Kernels ofEnvironment(Map<String, String> environment) {
        for (Map.Entry<String, String> e : PIN.entrySet()) {
            if (!e.getValue().equals(environment.get(e.getKey()))) {
                return NATIVE;
            }
        }
        return PINNED;
    }

    /** For provenance: the mode and the value of every pin variable in this JVM's environment. */
    public static Map<String, String> describeThisProcess() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kernels", ofThisProcess().name().toLowerCase(Locale.ROOT));
        for (String k : PIN.keySet()) {
            String v = System.getenv(k);
            m.put(k, v == null ? "(unset)" : v);
        }
        String threads = System.getenv("OMP_NUM_THREADS");
        m.put("OMP_NUM_THREADS", threads == null ? "(unset)" : threads);
        return m;
    }

    /** The lower-case name used on the command line and in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
