package io.salr.optimizers.torch;

import io.salr.optimizers.engine.FlatVector;
import io.salr.validation.Checks;
import io.salr.validation.InvalidParameterException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A {@link FlatVector} held in a one-dimensional contiguous LibTorch tensor (float32 or float64, on the
 * model's device). Each operation is one ATen operator on the whole tensor, computed in the tensor's own
 * type: {@code addi(double)}, {@code muli(double)} and {@code divi(double)} first round the scalar to that
 * type, as ATen does for a floating-point tensor and a Python number. Reductions ({@link #norm2()},
 * {@link #dot}) accumulate as ATen's CPU kernels do, in the vector's own type, and return the result in
 * that type: a float32 norm of a few hundred thousand entries is off the exact one by a few 1e-6 relative
 * (ND4J's by a few 1e-5; measured in {@code CrossEngineAgreementTest}).
 *
 * <p>Every temporary native handle an operation creates is released before it returns (a JavaCPP
 * {@link PointerScope} per call), so a training loop does not lean on the garbage collector for them.
 */
public final class TorchVector implements FlatVector {

    private final Tensor tensor;

    /** Wraps {@code tensor}, which must be one-dimensional and contiguous; the vector owns it from now on. */
    TorchVector(Tensor tensor) {
        Checks.present("tensor", tensor);
        if (tensor.dim() != 1 || !tensor.is_contiguous()) {
            throw new IllegalArgumentException("a TorchVector needs a contiguous 1-D tensor, got "
                    + tensor.dim() + " dimensions");
        }
        ScalarType t = typeOf(tensor);
        if (t != ScalarType.Float && t != ScalarType.Double) {
            throw new IllegalArgumentException("a TorchVector holds float32 or float64, got " + t);
        }
        this.tensor = tensor;
        NativeMemory.handedOut(tensor.numel() * tensor.element_size());
    }

    /** The underlying tensor (shared, not a copy). */
    Tensor tensor() {
        return tensor;
    }

    /** The floating-point type. */
    ScalarType scalarType() {
        return typeOf(tensor);
    }

    /**
     * The tensor's type as one of the enum's constants: JavaCPP makes a new enum object for each native
     * return value, so types are compared through this and never with the raw return value.
     */
    static ScalarType typeOf(Tensor t) {
        byte v = t.scalar_type().value;
        for (ScalarType s : ScalarType.values()) {
            if (s.value == v) {
                return s;
            }
        }
        throw new IllegalStateException("unknown scalar type " + v);
    }

    /** A vector of {@code values} in the given type on the given template's device. */
    static TorchVector of(double[] values, ScalarType type, Tensor deviceTemplate) {
        Checks.present("values", values);
        try (PointerScope scope = new PointerScope()) {
            DoublePointer data = new DoublePointer(values);
            Tensor host = torch.from_blob(data, new long[] {values.length},
                    new TensorOptions(ScalarType.Double));
            Tensor t = deviceTemplate == null ? host.to(type).clone()
                    : host.to(deviceTemplate.device(), type).clone();
            return new TorchVector(keep(t));
        }
    }

    /** Keeps a tensor made inside a {@link PointerScope} alive after the scope closes (until collected). */
    static Tensor keep(Tensor t) {
        t.retainReference();
        return t;
    }

    private TorchVector other(FlatVector v, String name) {
        Checks.present(name, v);
        if (!(v instanceof TorchVector o)) {
            throw new InvalidParameterException(name, v.getClass().getSimpleName(),
                    "must be a TorchVector (vectors of different engines do not mix)");
        }
        if (o.tensor.numel() != tensor.numel()) {
            throw new InvalidParameterException(name + ".length", o.tensor.numel(), "must equal " + tensor.numel());
        }
        if (typeOf(o.tensor) != typeOf(tensor)) {
            throw new InvalidParameterException(name + ".type", typeOf(o.tensor),
                    "must equal this vector's " + typeOf(tensor));
        }
        return o;
    }

    @Override
    public long length() {
        return tensor.numel();
    }

    @Override
    public FlatVector dup() {
        try (PointerScope scope = new PointerScope()) {
            return new TorchVector(keep(tensor.clone()));
        }
    }

    @Override
    public FlatVector assign(FlatVector source) {
        TorchVector o = other(source, "source");
        try (PointerScope scope = new PointerScope()) {
            tensor.copy_(o.tensor);
        }
        return this;
    }

    @Override
    public FlatVector assign(double value) {
        try (PointerScope scope = new PointerScope()) {
            tensor.fill_(new Scalar(value));
        }
        return this;
    }

    @Override
    public FlatVector addi(FlatVector other) {
        TorchVector o = other(other, "other");
        try (PointerScope scope = new PointerScope()) {
            tensor.add_(o.tensor);
        }
        return this;
    }

    @Override
    public FlatVector subi(FlatVector other) {
        TorchVector o = other(other, "other");
        try (PointerScope scope = new PointerScope()) {
            tensor.sub_(o.tensor);
        }
        return this;
    }

    @Override
    public FlatVector muli(FlatVector other) {
        TorchVector o = other(other, "other");
        try (PointerScope scope = new PointerScope()) {
            tensor.mul_(o.tensor);
        }
        return this;
    }

    @Override
    public FlatVector divi(FlatVector other) {
        TorchVector o = other(other, "other");
        try (PointerScope scope = new PointerScope()) {
            tensor.div_(o.tensor);
        }
        return this;
    }

    @Override
    public FlatVector addi(double value) {
        try (PointerScope scope = new PointerScope()) {
            tensor.add_(new Scalar(value));
        }
        return this;
    }

    @Override
    public FlatVector muli(double value) {
        try (PointerScope scope = new PointerScope()) {
            tensor.mul_(new Scalar(value));
        }
        return this;
    }

    @Override
    public FlatVector divi(double value) {
        try (PointerScope scope = new PointerScope()) {
            tensor.div_(new Scalar(value));
        }
        return this;
    }

    @Override
    public FlatVector sqrti() {
        try (PointerScope scope = new PointerScope()) {
            tensor.sqrt_();
        }
        return this;
    }

    @Override
    public double norm2() {
        try (PointerScope scope = new PointerScope()) {
            return tensor.norm().item_double();
        }
    }

    @Override
    public double dot(FlatVector other) {
        TorchVector o = other(other, "other");
        try (PointerScope scope = new PointerScope()) {
            return tensor.dot(o.tensor).item_double();
        }
    }

    @Override
    public boolean allFinite() {
        return allFinite(tensor);
    }

    /** True when no entry of {@code t} is NaN or infinite. */
    static boolean allFinite(Tensor t) {
        try (PointerScope scope = new PointerScope()) {
            // One reduction in the common case; a finite sum of finite entries can still overflow, so a
            // non-finite sum falls back to the entry-by-entry check.
            if (Double.isFinite(t.sum().item_double())) {
                return true;
            }
            return torch.isfinite(t).all().item_bool();
        }
    }

    @Override
    public double[] toDoubleArray() {
        long n = tensor.numel();
        if (n > Integer.MAX_VALUE) {
            throw new InvalidParameterException("length", n, "must fit a Java array");
        }
        double[] out = new double[(int) n];
        try (PointerScope scope = new PointerScope()) {
            Tensor host = tensor.to(new Device(torch.kCPU()), ScalarType.Double).contiguous();
            host.data_ptr_double().get(out);
        }
        return out;
    }

    @Override
    public FlatVector like(double[] values) {
        Checks.present("values", values);
        if (values.length != tensor.numel()) {
            throw new InvalidParameterException("values.length", values.length, "must equal " + tensor.numel());
        }
        return of(values, typeOf(tensor), tensor);
    }

    @Override
    public String toString() {
        return "TorchVector[" + tensor.numel() + " x " + typeOf(tensor) + "]";
    }
}
