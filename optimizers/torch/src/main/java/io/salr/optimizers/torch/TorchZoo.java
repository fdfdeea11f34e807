package io.salr.optimizers.torch;

import io.salr.optimizers.torch.Layers.ConvMode;
import io.salr.optimizers.torch.Layers.WeightInit;
import io.salr.optimizers.engine.ModelSpec;
import io.salr.optimizers.engine.Network;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * The networks of the paper's experiments built from this package's layers, with the shapes, parameter
 * layout and initialization scheme of the DL4J zoo ({@code io.salr.optimizers.dl4j.zoo.ModelZoo}): the same
 * spec gives networks of the same size with the same flat layout on both engines (tested against DL4J).
 * Layer names follow DL4J's: the layer index in a MultiLayerNetwork (activation and dropout layers count),
 * the vertex name in the ResNets' ComputationGraph.
 */
final class TorchZoo {

    private TorchZoo() {
    }

    /** A built network: its forward computation and the facts the model needs about it. */
    record Built(Layer body, List<BatchNormLayer> batchNorms, boolean sequences, boolean hasDropout) {
    }

    /** Declares one network of the catalogue in a parameter space. */
    @FunctionalInterface
    private interface Declaration {
        Built declare(Builder builder);
    }

    /**
     * The builder of each network of the catalogue, keyed by the network; the class refuses to load if one has
     * none, so a network added to the catalogue cannot reach a torch run without a LibTorch build.
     */
    private static final Map<Network, Declaration> DECLARATIONS = register();

    private static Map<Network, Declaration> register() {
        Map<Network, Declaration> m = new EnumMap<>(Network.class);
        m.put(Network.MLP, Builder::mlp);
        m.put(Network.LENET, Builder::lenet);
        m.put(Network.ALL_CNN_C, Builder::allCnnC);
        m.put(Network.RESNET20, b -> b.resnet(3));
        m.put(Network.RESNET32, b -> b.resnet(5));
        m.put(Network.CHAR_LSTM, Builder::charLstm);
        EnumSet<Network> missing = EnumSet.complementOf(EnumSet.copyOf(m.keySet()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the torch zoo has no builder for " + missing);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The networks this zoo builds: every network of the catalogue. */
    static Set<Network> networks() {
        return Collections.unmodifiableSet(EnumSet.copyOf(DECLARATIONS.keySet()));
    }

    /** Declares the parameters of {@code spec}'s network in {@code space} and returns the network. */
    static Built build(ModelSpec spec, ParameterSpace space) {
        return DECLARATIONS.get(spec.network()).declare(new Builder(spec, space));
    }

    static int scaled(int width, ModelSpec spec) {
        return Math.max(1, (int) Math.round(width * spec.widthMultiplier()));
    }

    /** Tracks the layer index, the current shape and the BatchNorm layers while a network is declared. */
    private static final class Builder {
        private final ModelSpec spec;
        private final ParameterSpace space;
        private final List<Layer> layers = new ArrayList<>();
        private final List<BatchNormLayer> batchNorms = new ArrayList<>();
        private boolean dropout;
        private int index;
        private long channels;
        private long height;
        private long width;

        Builder(ModelSpec spec, ParameterSpace space) {
            this.spec = spec;
            this.space = space;
        }

        private String next() {
            return Integer.toString(index++);
        }

        private Built done(boolean sequences) {
            return new Built(Layers.sequence(layers), List.copyOf(batchNorms), sequences, dropout);
        }

        /** Hidden block as DL4J's ModelZoo.hiddenBlock: the linear layer, [BatchNorm], ReLU, [dropout]. */
        private void hiddenBlock(Layer linear, long outputs, boolean allowDropout) {
            layers.add(linear);
            if (spec.batchNorm()) {
                BatchNormLayer bn = new BatchNormLayer(space, next(), outputs);
                batchNorms.add(bn);
                layers.add(bn);
            }
            layers.add(Layers.relu());
            next();
            if (allowDropout && spec.dropout() > 0) {
                layers.add(Layers.dropout(spec.dropout()));
                dropout = true;
                next();
            }
        }

        private void conv(long out, long kernel, long stride, ConvMode mode, boolean allowDropout) {
            Layers.Conv c = new Layers.Conv(space, next(), channels, out, kernel, stride, mode, height, width,
                    WeightInit.RELU);
            channels = out;
            height = c.outH;
            width = c.outW;
            hiddenBlock(c, out, allowDropout);
        }

        private void maxPool() {
            layers.add(Layers.maxPool2());
            next();
            height = height / 2;
            width = width / 2;
        }

        private void output(long in) {
            layers.add(new Layers.Dense(space, next(), in, spec.numClasses(), WeightInit.XAVIER));
        }

        private void images() {
            int[] s = spec.inputShape();
            channels = s[0];
            height = s[1];
            width = s[2];
        }

        Built mlp() {
            images();
            long in = channels * height * width;
            long w = scaled(spec.hidden(), spec);
            hiddenBlock(new Layers.Dense(space, next(), in, w, WeightInit.RELU), w, true);
            output(w);
            return done(false);
        }

        Built lenet() {
            images();
            conv(20, 5, 1, ConvMode.TRUNCATE, false);
            maxPool();
            conv(50, 5, 1, ConvMode.TRUNCATE, false);
            maxPool();
            long in = channels * height * width;
            hiddenBlock(new Layers.Dense(space, next(), in, 500, WeightInit.RELU), 500, true);
            output(500);
            return done(false);
        }

        /** All-CNN-C (Springenberg et al. 2015, Table 2), as ModelZoo.allCnnC. */
        Built allCnnC() {
            images();
            long a = scaled(96, spec);
            long b = scaled(192, spec);
            long[][] convs = { // kernel, stride, channels, dropout after?
                {3, 1, a, 0}, {3, 1, a, 0}, {3, 2, a, 1},
                {3, 1, b, 0}, {3, 1, b, 0}, {3, 2, b, 1},
                {3, 1, b, 0}, {1, 1, b, 0}, {1, 1, spec.numClasses(), 0},
            };
            for (long[] c : convs) {
                conv(c[2], c[0], c[1], ConvMode.SAME, c[3] == 1);
            }
            layers.add(Layers.globalAvgPool());
            next();
            output(channels);
            return done(false);
        }

        /**
         * The CIFAR ResNets of He et al. (2016, Section 4.2) as a graph with ModelZoo.resnet's vertex names
         * and insertion order. DL4J lays a ComputationGraph's parameters out in its topological order, which
         * {@link Graph#topologicalOrder} computes the way DL4J does; the layers are made (and their
         * parameters declared) in that order, so the flat layouts coincide.
         */
        Built resnet(int n) {
            images();
            int[] s = spec.inputShape();
            long[] widths = {scaled(16, spec), scaled(32, spec), scaled(64, spec)};
            Graph g = new Graph("input");
            g.conv("stem_conv", widths[0], 3, 1, "input");
            g.bn("stem_bn", "stem_conv");
            g.relu("stem", "stem_bn");
            String prev = "stem";
            long inWidth = widths[0];
            for (int stage = 0; stage < 3; stage++) {
                for (int block = 0; block < n; block++) {
                    long stride = (stage > 0 && block == 0) ? 2 : 1;
                    String id = "s" + stage + "b" + block;
                    g.conv(id + "_conv1", widths[stage], 3, stride, prev);
                    g.bn(id + "_bn1", id + "_conv1");
                    g.relu(id + "_relu1", id + "_bn1");
                    g.conv(id + "_conv2", widths[stage], 3, 1, id + "_relu1");
                    g.bn(id + "_bn2", id + "_conv2");
                    String shortcut = prev;
                    if (stride != 1 || inWidth != widths[stage]) {
                        g.conv(id + "_proj", widths[stage], 1, stride, prev);
                        g.bn(id + "_proj_bn", id + "_proj");
                        shortcut = id + "_proj_bn";
                    }
                    g.add(id + "_add", id + "_bn2", shortcut);
                    g.relu(id, id + "_add");
                    prev = id;
                    inWidth = widths[stage];
                }
                if (spec.dropout() > 0) {
                    g.vertex("drop" + stage, Kind.DROPOUT, 0, 0, 0, prev);
                    dropout = true;
                    prev = "drop" + stage;
                }
            }
            g.vertex("pool", Kind.POOL, 0, 0, 0, prev);
            g.vertex("output", Kind.OUTPUT, spec.numClasses(), 0, 0, "pool");
            Layer body = g.build(this, s[0], s[1], s[2]);
            return new Built(body, List.copyOf(batchNorms), false, dropout);
        }

        /** The character LSTM (Table V), as ModelZoo.charLstm: LSTM, [dropout], LSTM, per-step softmax output. */
        Built charLstm() {
            long vocab = spec.inputShape()[0];
            long w = scaled(spec.hidden(), spec);
            layers.add(new Layers.Lstm(space, next(), vocab, w));
            if (spec.dropout() > 0) {
                layers.add(Layers.dropout(spec.dropout()));
                dropout = true;
                next();
            }
            layers.add(new Layers.Lstm(space, next(), w, w));
            Layers.Dense out = new Layers.Dense(space, next(), w, spec.numClasses(), WeightInit.XAVIER);
            layers.add(out);
            return done(true);
        }
    }

    /** What a graph vertex computes. */
    private enum Kind { CONV, BN, RELU, ADD, DROPOUT, POOL, OUTPUT }

    /** One vertex as ModelZoo adds it: name, kind, sizes, input names. */
    private record Vertex(String name, Kind kind, long channels, long kernel, long stride, List<String> inputs) {
    }

    /**
     * A DL4J-style ComputationGraph description: vertices in insertion order, built into one {@link Layer}
     * that evaluates them in DL4J's topological order.
     */
    private static final class Graph {
        private final String input;
        private final List<Vertex> vertices = new ArrayList<>();

        Graph(String input) {
            this.input = input;
        }

        void vertex(String name, Kind kind, long channels, long kernel, long stride, String... inputs) {
            vertices.add(new Vertex(name, kind, channels, kernel, stride, List.of(inputs)));
        }

        void conv(String name, long channels, long kernel, long stride, String in) {
            vertex(name, Kind.CONV, channels, kernel, stride, in);
        }

        void bn(String name, String in) {
            vertex(name, Kind.BN, 0, 0, 0, in);
        }

        void relu(String name, String in) {
            vertex(name, Kind.RELU, 0, 0, 0, in);
        }

        void add(String name, String a, String b) {
            vertex(name, Kind.ADD, 0, 0, 0, a, b);
        }

        /**
         * The topological order of DL4J 1.0.0-M2.1's {@code ComputationGraph.calculateIndices()}: indices
         * are the network input then the vertices in insertion order; Kahn's algorithm with a FIFO queue,
         * successors visited in the iteration order of a {@code HashSet<Integer>} (which is why a
         * projection shortcut can come before the block's first convolution). Returns vertex indices
         * (0 = the input).
         */
        List<Integer> topologicalOrder() {
            Map<String, Integer> index = new HashMap<>();
            index.put(input, 0);
            for (int i = 0; i < vertices.size(); i++) {
                index.put(vertices.get(i).name(), i + 1);
            }
            Map<Integer, Set<Integer>> inputEdges = new HashMap<>();
            Map<Integer, Set<Integer>> outputEdges = new HashMap<>();
            inputEdges.put(0, null);
            for (int i = 0; i < vertices.size(); i++) {
                int idx = i + 1;
                Set<Integer> inputSet = new HashSet<>();
                for (String in : vertices.get(i).inputs()) {
                    Integer from = index.get(in);
                    if (from == null) {
                        throw new IllegalStateException("vertex " + vertices.get(i).name() + " reads unknown " + in);
                    }
                    inputSet.add(from);
                    outputEdges.computeIfAbsent(from, k -> new HashSet<>()).add(idx);
                }
                inputEdges.put(idx, inputSet);
            }
            LinkedList<Integer> ready = new LinkedList<>();
            for (Map.Entry<Integer, Set<Integer>> e : inputEdges.entrySet()) {
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    ready.add(e.getKey());
                }
            }
            List<Integer> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                int next = ready.removeFirst();
                order.add(next);
                Set<Integer> outs = outputEdges.get(next);
                if (outs != null) {
                    for (Integer v : outs) {
                        Set<Integer> set = inputEdges.get(v);
                        set.remove(next);
                        if (set.isEmpty()) {
                            ready.add(v);
                        }
                    }
                }
            }
            if (order.size() != vertices.size() + 1) {
                throw new IllegalStateException("the graph has a cycle");
            }
            return order;
        }

        /** Makes the layers in topological order (declaring their parameters) and returns the graph's layer. */
        Layer build(Builder b, long channels, long height, long width) {
            List<Integer> order = topologicalOrder();
            Map<String, Integer> index = new HashMap<>();
            index.put(input, 0);
            for (int i = 0; i < vertices.size(); i++) {
                index.put(vertices.get(i).name(), i + 1);
            }
            int size = vertices.size() + 1;
            long[][] shape = new long[size][];
            shape[0] = new long[] {channels, height, width};
            Layer[] layers = new Layer[size];
            int[][] inputs = new int[size][];
            for (int idx : order) {
                if (idx == 0) {
                    continue;
                }
                Vertex v = vertices.get(idx - 1);
                inputs[idx] = v.inputs().stream().mapToInt(index::get).toArray();
                long[] in = shape[inputs[idx][0]];
                switch (v.kind()) {
                    case CONV -> {
                        Layers.Conv c = new Layers.Conv(b.space, v.name(), in[0], v.channels(), v.kernel(), v.stride(),
                                ConvMode.SAME, in[1], in[2], WeightInit.RELU);
                        layers[idx] = c;
                        shape[idx] = new long[] {v.channels(), c.outH, c.outW};
                    }
                    case BN -> {
                        BatchNormLayer bn = new BatchNormLayer(b.space, v.name(), in[0]);
                        b.batchNorms.add(bn);
                        layers[idx] = bn;
                        shape[idx] = in;
                    }
                    case RELU -> {
                        layers[idx] = Layers.relu();
                        shape[idx] = in;
                    }
                    case ADD -> {
                        layers[idx] = null; // sums its inputs
                        shape[idx] = in;
                    }
                    case DROPOUT -> {
                        layers[idx] = Layers.dropout(b.spec.dropout());
                        shape[idx] = in;
                    }
                    case POOL -> {
                        layers[idx] = Layers.globalAvgPool();
                        shape[idx] = new long[] {in[0]};
                    }
                    case OUTPUT -> {
                        layers[idx] = new Layers.Dense(b.space, v.name(), in[0], v.channels(), WeightInit.XAVIER);
                        shape[idx] = new long[] {v.channels()};
                    }
                    default -> throw new IllegalStateException("unknown vertex kind " + v.kind());
                }
            }
            int last = size - 1;
            int[] evaluation = order.stream().mapToInt(Integer::intValue).toArray();
            return (x, pass) -> {
                Tensor[] out = new Tensor[size];
                out[0] = x;
                for (int idx : evaluation) {
                    if (idx == 0) {
                        continue;
                    }
                    if (layers[idx] == null) {
                        Tensor sum = out[inputs[idx][0]];
                        for (int k = 1; k < inputs[idx].length; k++) {
                            sum = sum.add(out[inputs[idx][k]]);
                        }
                        out[idx] = sum;
                    } else {
                        out[idx] = layers[idx].forward(out[inputs[idx][0]], pass);
                    }
                }
                return out[last];
            };
        }
    }
}
