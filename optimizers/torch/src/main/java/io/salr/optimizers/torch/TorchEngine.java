package io.salr.optimizers.torch;

import io.salr.optimizers.engine.Engine;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.meter.GradientMeter;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private Device device() {
        TorchRuntime.ensureLoaded();
        if (deviceName.startsWith("cuda") && !torch.cuda_is_available()) {
            throw new InvalidParameterException("device", deviceName,
                    "needs the CUDA build of LibTorch (mvn -P torch-gpu) and a visible NVIDIA GPU; none is available");
        }
        return new Device(deviceName);
    }

    @Override
    public TorchModel build(ModelSpec spec, GradientMeter meter) {
        Checks.present("spec", spec);
        Checks.present("meter", meter);
        return new TorchModel(spec, ScalarType.Float, device(), meter, true, null);
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
