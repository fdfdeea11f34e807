package io.salr.optimizers.torch;

import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads LibTorch once per JVM and fixes, before the first tensor operation, what decides its numbers:
 * the kernel family (ATen's CPU capability), the intra-op and inter-op thread counts and the
 * deterministic-algorithms switch. Everything else in this package calls {@link #ensureLoaded()} first.
 *
 * <p><b>Settings</b> (system property, else environment variable, else default):
 * <ul>
 *   <li>threads: {@code salr.torch.threads}, else {@code OMP_NUM_THREADS}, else the number of processors the
 *       JVM may use. LibTorch's intra-op pool (OpenMP) and OpenBLAS get this many threads and the inter-op
 *       pool one thread (the engine never runs two operators at once, so a larger inter-op pool only adds
 *       idle threads).</li>
 *   <li>CPU capability: {@code salr.torch.cpuCapability}, else {@code ATEN_CPU_CAPABILITY}, else {@code avx2}.
 *       ATen picks its vectorized kernels once, from this variable, at the first operator call
 *       ({@code aten/src/ATen/native/DispatchStub.cpp}, {@code compute_cpu_capability}); pinning {@code avx2}
 *       makes a run on an AVX-512 machine give the same bits as on an AVX2-only one. {@code auto} keeps
 *       LibTorch's own choice (the best the CPU has); {@code default} is ATen's name for its scalar
 *       (unvectorized) kernels.</li>
 * </ul>
 *
 * <p>Deterministic algorithms are switched on ({@code at::globalContext().setDeterministicAlgorithms(true,
 * false)}): an operator without a deterministic implementation then fails instead of varying.
 */
public final class TorchRuntime {

    /** What the runtime was set to, recorded in provenance. */
    public record Settings(int threads, int interopThreads, String requestedCapability, String cpuCapability,
            boolean deterministic, boolean oneDnn, String torchVersion, String javacppVersion, String parallelBackend) {
    }

    private static Settings settings;

    private TorchRuntime() {
    }

    /** Loads the natives and applies the settings, once; later calls return what the first one did. */
    public static synchronized Settings ensureLoaded() {
        if (settings == null) {
            settings = load();
        }
        return settings;
    }

    private static Settings load() {
        int threads = threadsSetting();
        String capability = capabilitySetting();
        // One thread loads every library (ensureLoaded is synchronized), and only after all of LibTorch's
        // libraries sit in JavaCPP's cache: see extractNatives.
        extractNatives();
        Loader.load(torch.class);
        checkOneLibTorch();
        if (!capability.equals("auto")) {
            // Read by ATen at its first operator call, which has not happened yet in this JVM.
            torch.set_env("ATEN_CPU_CAPABILITY", capability, true);
        }
        torch.set_num_interop_threads(1);
        torch.set_num_threads(threads);
        // LibTorch's matrix products run in OpenBLAS, whose own thread pool does not follow at::set_num_threads
        // (it reads OPENBLAS_NUM_THREADS / OMP_NUM_THREADS at start only): give it the same count.
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(threads);
        torch.globalContext().setDeterministicAlgorithms(true, false);
        boolean oneDnn = Boolean.getBoolean("salr.torch.onednn");
        // oneDNN off unless asked for: the oneDNN this LibTorch bundles (v3.7.1) computes wrong float32 convolutions
        // with 20 or 24 input channels on an AMD EPYC of CPU family 26 (repro/ shows it in plain LibTorch), and it
        // chooses its kernels from the CPU by itself unless ONEDNN_MAX_CPU_ISA caps them. ATen's im2col + GEMM is used.
        torch.globalContext().setUserEnabledMkldnn(oneDnn);
        if (oneDnn) {
            System.err.println("warning: salr.torch.onednn=true: the bundled oneDNN's float32 convolutions with 20 or 24 input"
                    + " channels are wrong on an AMD EPYC of CPU family 26 (optimizers/torch/repro/run.sh shows it); probe this"
                    + " machine before trusting them: optimizers/torch/repro/run.sh, or mvn -B -pl"
                    + " optimizers/torch -am verify -Dtest=none -Dit.test=OneDnnConvolutionTest -Dfailsafe.excludedGroups=none"
                    + " -Dsurefire.failIfNoSpecifiedTests=false");
        }
        // NNPACK off: where the CPU lacks what it needs (this machine) every convolution first tries to start it
        // and prints "Could not initialize NNPACK! Reason: Unsupported hardware", and where it runs it is one more
        // kernel family chosen by the CPU, which the pin above means to avoid. Convolutions use ATen's own path.
        torch.globalContext().setUserEnabledNNPACK(false);
        String actual = torch.get_cpu_capability().getString();
        if (!capability.equals("auto") && !actual.equalsIgnoreCase(capability)) {
            throw new IllegalStateException("LibTorch runs with CPU capability " + actual + " although "
                    + capability + " was requested: an operator ran before TorchRuntime.ensureLoaded(), or the"
                    + " CPU lacks " + capability);
        }
        return new Settings(torch.get_num_threads(), (int) torch.get_num_interop_threads(), capability, actual,
                torch.globalContext().deterministicAlgorithms(), torch.globalContext().userEnabledMkldnn(),
                torchVersion(), javacppVersion(), parallelBackend());
    }

    /** LibTorch's libraries in the order they depend on each other; those absent from a build are skipped. */
    private static final String[] LIBRARIES = {"libgomp.so.1", "libc10.so", "libtorch_cpu.so", "libc10_cuda.so",
        "libtorch_cuda.so", "libtorch_cuda_linalg.so", "libtorch.so", "libjnitorch.so"};

    /**
     * Extracts LibTorch's libraries into JavaCPP's cache before anything is loaded. The presets load
     * {@code libtorch.so} before {@code libtorch_cpu.so} (link order c10, torch, torch_cpu); with a cold cache
     * (first start, a cleared cache, or another JVM still extracting) {@code libtorch_cpu.so} is not yet next
     * to {@code libtorch.so}, the dynamic linker resolves that dependency from the system's library path, and
     * where Debian's python3-torch is installed it finds LibTorch 1.13's {@code /usr/lib/x86_64-linux-gnu/
     * libtorch_cpu.so}: two LibTorch versions initialize in one process and the JVM dies with SIGSEGV in
     * {@code pthread_mutex_lock} under {@code NativeLibraries.load} (issue 13; LD_DEBUG=libs shows the 1.13
     * library's initializer, see README-torch.md). JavaCPP extracts under a file lock, so concurrent JVMs
     * are safe.
     */
    private static void extractNatives() {
        String platform = Loader.getPlatform();
        for (String folder : new String[] {platform + "-gpu", platform}) {
            for (String library : LIBRARIES) {
                String resource = "/org/bytedeco/pytorch/" + folder + "/" + library;
                try {
                    java.net.URL url = Loader.findResource(TorchRuntime.class, resource);
                    if (url != null) {
                        Loader.cacheResource(url);
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot extract " + resource + " into JavaCPP's cache: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /** Whether the class path holds the CUDA build of LibTorch (the {@code torch-gpu} profile's natives). */
    public static boolean cudaBuild() {
        try {
            return Loader.findResource(TorchRuntime.class,
                    "/org/bytedeco/pytorch/" + Loader.getPlatform() + "-gpu/libtorch_cuda.so") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Fails when the process maps LibTorch's main libraries from more than one place. */
    private static void checkOneLibTorch() {
        java.nio.file.Path maps = java.nio.file.Path.of("/proc/self/maps");
        if (!java.nio.file.Files.isReadable(maps)) {
            return;
        }
        try {
            for (String name : new String[] {"/libtorch_cpu.so", "/libc10.so"}) {
                java.util.Set<String> paths = new java.util.TreeSet<>();
                for (String line : java.nio.file.Files.readAllLines(maps)) {
                    int i = line.indexOf('/');
                    if (i >= 0 && line.contains(name)) {
                        paths.add(line.substring(i).trim());
                    }
                }
                if (paths.size() > 1) {
                    throw new IllegalStateException("two LibTorch builds are loaded in this process: " + paths
                            + "; a system LibTorch (e.g. Debian's python3-torch) was picked up while JavaCPP loaded"
                            + " the presets' one");
                }
            }
        } catch (java.io.IOException e) {
            // not being able to read our own mappings is no reason to stop; the check is a diagnosis aid
        }
    }

    static int threadsSetting() {
        String p = System.getProperty("salr.torch.threads");
        String source = "salr.torch.threads";
        if (p == null || p.isBlank()) {
            p = System.getenv("OMP_NUM_THREADS");
            source = "OMP_NUM_THREADS";
        }
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n < 1) {
                throw new InvalidParameterException(source, p, "must be a whole number >= 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(source, p, "must be a whole number >= 1");
        }
    }

    static String capabilitySetting() {
        String p = System.getProperty("salr.torch.cpuCapability");
        String source = "salr.torch.cpuCapability";
        if (p == null || p.isBlank()) {
            p = System.getenv("ATEN_CPU_CAPABILITY");
            source = "ATEN_CPU_CAPABILITY";
        }
        if (p == null || p.isBlank()) {
            return "avx2";
        }
        String v = p.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("default") && !v.equals("avx2") && !v.equals("avx512")) {
            throw new InvalidParameterException(source, p, "must be one of avx2, avx512, default, auto");
        }
        return v;
    }

    private static String torchVersion() {
        String config = torch.show_config().getString();
        int i = config.indexOf("TORCH_VERSION=");
        if (i < 0) {
            return "unknown";
        }
        int end = config.indexOf(',', i);
        return config.substring(i + "TORCH_VERSION=".length(), end < 0 ? config.length() : end).trim();
    }

    private static String javacppVersion() {
        try {
            return Loader.getVersion();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String parallelBackend() {
        for (String line : torch.get_parallel_info().getString().split("\n")) {
            if (line.startsWith("ATen parallel backend:")) {
                return line.substring("ATen parallel backend:".length()).trim();
            }
        }
        return "unknown";
    }

    /** The settings as provenance entries, in a fixed order. */
    public static Map<String, String> describe() {
        Settings s = ensureLoaded();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("torch_version", s.torchVersion());
        m.put("javacpp_version", s.javacppVersion());
        m.put("torch_threads", Integer.toString(s.threads()));
        m.put("torch_interop_threads", Integer.toString(s.interopThreads()));
        m.put("openblas_threads", Integer.toString(org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads()));
        m.put("torch_parallel_backend", s.parallelBackend());
        m.put("torch_cpu_capability", s.cpuCapability());
        m.put("torch_cpu_capability_requested", s.requestedCapability());
        m.put("torch_deterministic", Boolean.toString(s.deterministic()));
        m.put("torch_onednn", Boolean.toString(s.oneDnn()));
        m.put("torch_nnpack", Boolean.toString(torch.globalContext().userEnabledNNPACK()));
        boolean cuda = torch.cuda_is_available();
        m.put("torch_cuda_build", Boolean.toString(cudaBuild()));
        m.put("torch_cuda_devices", Integer.toString(cuda ? torch.cuda_device_count() : 0));
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        m.put("openblas_coretype_env", coretype == null ? "" : coretype);
        String omp = System.getenv("OMP_NUM_THREADS");
        m.put("omp_num_threads_env", omp == null ? "" : omp);
        return m;
    }
}
