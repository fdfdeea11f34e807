package io.salr.optimizers.torch;

import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.LayerKind;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The LibTorch engine ({@code engine: torch}): the zoo's networks on PyTorch's C++ library through the
 * bytedeco JavaCPP presets, on the CPU or, with the {@code torch-gpu} Maven profile, on a CUDA device.
 */
public final class TorchEngine implements Engine {

    private final String deviceName;

    /** The engine on the CPU. */
    public TorchEngine() {
        this("cpu");
    }

    /** The engine on {@code device}: {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public TorchEngine(String device) {
        Checks.present("device", device);
        if (!device.equals("cpu") && !device.matches("cuda(:\\d+)?")) {
            throw new InvalidParameterException("device", device, "must be cpu, cuda or cuda:N");
        }
        this.deviceName = device;
    }

    @Override
    public String name() {
        return "torch";
    }

    /** The device's name: {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public String deviceName() {
        return deviceName;
    }

    /**
     * Loads LibTorch and checks that this engine's device is there: a CUDA device needs the CUDA build of
     * LibTorch (the {@code torch-gpu} Maven profile) and a GPU it can see, and {@code cuda:N} needs N below the
     * number of GPUs.
     *
     * @throws InvalidParameterException naming the device and what is missing
     */
    public void checkDevice() {
        device();
    }

    private Device device() {
        TorchRuntime.ensureLoaded();
        if (deviceName.startsWith("cuda")) {
            if (!torch.cuda_is_available()) {
                throw new InvalidParameterException("device", deviceName, "needs the CUDA build of LibTorch"
                        + " (SALR_BACKEND=torch-gpu ./salr ..., which builds with mvn -P torch-gpu) and a visible NVIDIA GPU;"
                        + " this process has " + (TorchRuntime.cudaBuild() ? "the CUDA build but sees no GPU" : "the CPU build"));
            }
            int index = deviceName.contains(":") ? Integer.parseInt(deviceName.substring(deviceName.indexOf(':') + 1)) : 0;
            long count = torch.cuda_device_count();
            if (index >= count) {
                throw new InvalidParameterException("device", deviceName, "names a GPU this process does not see (it sees "
                        + count + ": cuda:0 to cuda:" + (count - 1) + ")");
            }
        }
        return new Device(deviceName);
    }

    /**
     * The rate of a float32 n x n by n x n matrix product on this engine's device, in GFLOP/s (2 n^3
     * operations): the median of {@code repeats} products after {@code warmup} untimed ones. On a GPU each
     * product is timed to its result (one element copied back), and n is at least 4096 so that the launch
     * and the copy are a small part of the time. The bench's roofline for this engine.
     */
    public double sgemmGflops(int n, int warmup, int repeats) {
        Checks.atLeast("n", n, 16);
        Checks.atLeast("repeats", repeats, 1);
        Device d = device();
        boolean gpu = !deviceName.equals("cpu");
        int size = gpu ? Math.max(n, 4096) : n;
        double[] ms = new double[repeats];
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope();
                org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
            org.bytedeco.pytorch.TensorOptions options = new org.bytedeco.pytorch.TensorOptions(ScalarType.Float)
                    .device(new org.bytedeco.pytorch.DeviceOptional(d));
            org.bytedeco.pytorch.Tensor a = torch.rand(new long[] {size, size}, options);
            org.bytedeco.pytorch.Tensor b = torch.rand(new long[] {size, size}, options);
            a.select(0, 0).select(0, 0).item_double(); // the inputs exist before the clock starts
            for (int i = -warmup; i < repeats; i++) {
                try (org.bytedeco.javacpp.PointerScope step = new org.bytedeco.javacpp.PointerScope()) {
                    long t0 = System.nanoTime();
                    org.bytedeco.pytorch.Tensor c = torch.mm(a, b);
                    if (gpu) {
                        c.select(0, 0).select(0, 0).item_double(); // waits for the product
                    }
                    double elapsed = (System.nanoTime() - t0) / 1e6;
                    if (i >= 0) {
                        ms[i] = elapsed;
                    }
                }
            }
        }
        java.util.Arrays.sort(ms);
        double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
        return 2.0 * size * size * size / (median * 1e6);
    }

    @Override
    public TorchModel build(ModelSpec spec, GradientMeter meter) {
        Checks.present("spec", spec);
        Checks.present("meter", meter);
        return new TorchModel(spec, ScalarType.Float, device(), meter, true, null);
    }

    /** Dense, convolution and LSTM layers: {@link TorchModel} takes each example's norm from one backward pass. */
    @Override
    public Set<LayerKind> onePassNormLayers() {
        return EnumSet.allOf(LayerKind.class);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engine", name());
        m.put("device", deviceName);
        m.putAll(TorchRuntime.describe());
        return m;
    }
}
