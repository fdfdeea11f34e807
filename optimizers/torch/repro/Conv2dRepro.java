import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A float32 2-D convolution in plain LibTorch (JavaCPP's org.bytedeco:pytorch, no project code), compared
 * with the same convolution in float64, with oneDNN on and off and the weight held in several ways:
 * its own contiguous tensor, a view into one flat tensor at an offset (as an engine that keeps all
 * parameters in one tensor holds it), and a contiguous copy of that view.
 *
 * <p>Usage: {@code java Conv2dRepro DIR [offset]} where DIR holds x.bin, w.bin, b.bin (little-endian
 * float32, written by gen_inputs.py) and offset is the number of floats in front of the weight in the
 * flat tensor (default 520: conv1's bias and weight, so that the weight sits where LeNet's second convolution's
 * weight sits in the engine's flat vector). Environment variables such
 * as ATEN_CPU_CAPABILITY, ONEDNN_MAX_CPU_ISA and ONEDNN_VERBOSE reach LibTorch unchanged. Prints one line
 * per case: the maximum absolute difference from the float64 result; exits 1 if any case is off by more
 * than 1e-3 (relative to the output's largest magnitude).
 */
public final class Conv2dRepro {

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Conv2dRepro DIR [offset]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long offset = args.length > 1 ? Long.parseLong(args[1]) : 520;
        Loader.load(torch.class);
        boolean deterministic = Boolean.parseBoolean(System.getProperty("deterministic", "false"));
        if (deterministic) {
            torch.globalContext().setDeterministicAlgorithms(true, false);
        }
        torch.globalContext().setUserEnabledNNPACK(false);

        float[] xs = read(dir.resolve("x.bin"));
        float[] ws = read(dir.resolve("w.bin"));
        float[] bs = read(dir.resolve("b.bin"));
        long cout = bs.length;
        long cin = ws.length / (cout * 25);
        Path shapeFile = dir.resolve("shape.txt"); // batch, channels, height, width, out channels (gen_inputs.py)
        long size = Files.exists(shapeFile) ? Long.parseLong(Files.readString(shapeFile).trim().split("\\s+")[2]) : 6;
        long batch = xs.length / (cin * size * size);
        long[] xShape = {batch, cin, size, size};
        long[] wShape = {cout, cin, 5, 5};
        Tensor x = tensor(xs, xShape);
        Tensor w = tensor(ws, wShape);
        Tensor b = tensor(bs, new long[] {cout});

        // The float64 reference (ATen's own kernel: oneDNN has no float64 convolution).
        torch.globalContext().setUserEnabledMkldnn(false);
        Tensor ref = conv(x.to(ScalarType.Double), w.to(ScalarType.Double), b.to(ScalarType.Double));
        double scale = ref.abs().max().item_double();

        // The flat tensor: `offset` floats, then the bias, then the weight (bias before weight, as DL4J's layout).
        Tensor flat = torch.zeros(new long[] {offset + cout + ws.length}, new TensorOptions(ScalarType.Float));
        flat.narrow(0, offset, cout).copy_(b);
        flat.narrow(0, offset + cout, ws.length).copy_(w.reshape(new long[] {-1}));
        Tensor bView = flat.narrow(0, offset, cout);
        Tensor wView = flat.narrow(0, offset + cout, ws.length).view(wShape);

        System.out.printf(Locale.ROOT, "LibTorch %s, ATen capability %s, ATEN_CPU_CAPABILITY=%s, "
                + "ONEDNN_MAX_CPU_ISA=%s, deterministic=%s, threads=%d, weight offset %d floats (%d bytes)%n",
                version(), torch.get_cpu_capability().getString(), System.getenv("ATEN_CPU_CAPABILITY"),
                System.getenv("ONEDNN_MAX_CPU_ISA"), deterministic, torch.get_num_threads(), offset + cout,
                4 * (offset + cout));
        System.out.println("mapped: " + mapped());
        System.out.printf(Locale.ROOT, "x %s, w %s, largest |output| %.3f%n", shape(xShape), shape(wShape), scale);
        boolean bad = false;
        for (boolean mkldnn : new boolean[] {false, true}) {
            torch.globalContext().setUserEnabledMkldnn(mkldnn);
            bad |= report(mkldnn, "contiguous weight", conv(x, w, b), ref, scale);
            bad |= report(mkldnn, "flat-tensor views", conv(x, wView, bView), ref, scale);
            bad |= report(mkldnn, "copies of the views", conv(x, wView.clone(), bView.clone()), ref, scale);
            Tensor xg = x.clone();
            Tensor wg = w.clone().requires_grad_(true);
            Tensor bg = b.clone().requires_grad_(true);
            bad |= report(mkldnn, "weight requires grad", conv(xg, wg, bg).detach(), ref, scale);
        }
        System.exit(bad ? 1 : 0);
    }

    private static Tensor conv(Tensor x, Tensor w, Tensor b) {
        return torch.conv2d(x, w, new TensorOptional(b), new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
    }

    private static boolean report(boolean mkldnn, String how, Tensor y, Tensor ref, double scale) {
        double err = y.to(ScalarType.Double).sub(ref).abs().max().item_double();
        boolean bad = !(err <= 1e-3 * scale);
        System.out.printf(Locale.ROOT, "mkldnn=%-5s %-22s max |float32 - float64| = %.3g%s%n", mkldnn, how, err,
                bad ? "   WRONG" : "");
        return bad;
    }

    private static Tensor tensor(float[] values, long[] shape) {
        FloatPointer p = new FloatPointer(values);
        return torch.from_blob(p, shape, new TensorOptions(ScalarType.Float)).clone();
    }

    private static float[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The LibTorch and oneDNN libraries this process mapped (two LibTorch builds in one process show here). */
    private static String mapped() throws IOException {
        java.util.Set<String> libs = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.matches(".*/lib(torch_cpu|c10|dnnl|mkldnn)[^/]*$")) {
                libs.add(line.substring(slash));
            }
        }
        return libs.toString();
    }

    private static String version() {
        String config = torch.show_config().getString();
        int i = config.indexOf("TORCH_VERSION=");
        if (i < 0) {
            return "unknown";
        }
        int end = config.indexOf(',', i);
        return config.substring(i + "TORCH_VERSION=".length(), end < 0 ? config.length() : end).trim();
    }

    private static String shape(long[] s) {
        return java.util.Arrays.toString(s);
    }
}
