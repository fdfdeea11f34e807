package io.salr.analysis.claims;

import io.salr.analysis.compare.TestKind;
import io.salr.validation.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A paper's claims, read from a YAML claims file (see {@code ci/claims/salr-tnnls-2023.yaml} for the format).
 * Parsed with SnakeYAML's {@link SafeConstructor} into plain maps, then validated field by field: an unknown
 * field or a bad value is an {@link InvalidParameterException} naming the field as a dotted path (e.g.
 * {@code claims[2].test}) and the value. Paper table paths are resolved against the claims file's folder and
 * must exist.
 *
 * @param paper  the paper, in words
 * @param claims the claims, ids unique
 * @param source the file read
 */
public record ClaimSet(String paper, List<Claim> claims, Path source) {

    private static final Set<String> TOP = Set.of("paper", "claims");
    private static final Set<String> CLAIM = Set.of("id", "where", "statement", "kind", "metric", "comparisons",
            "test", "margin", "alpha", "family", "epoch_ratio", "reference_gamma", "paper", "at", "datasets");

    public ClaimSet {
        claims = List.copyOf(claims);
    }

    /** Reads and validates a claims file. */
    public static ClaimSet read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidParameterException("--claims", file, "cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file);
    }

    /** Parses a claims file's text; {@code source} names it and anchors relative table paths. */
    @SuppressWarnings("unchecked")
    public static ClaimSet parse(String text, Path source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidParameterException("claims file", source, "is not valid YAML (" + e.getMessage() + ")");
        }
        Map<String, Object> top = map("claims file", root);
        allowOnly("", top, TOP);
        String paper = string("paper", top.get("paper"));
        Object list = top.get("claims");
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            throw new InvalidParameterException("claims", list, "must be a non-empty list of claims");
        }
        Path base = source.toAbsolutePath().getParent();
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Claim c = claim("claims[" + i + "]", map("claims[" + i + "]", items.get(i)), base);
            if (!ids.add(c.id())) {
                throw new InvalidParameterException("claims[" + i + "].id", c.id(), "is used by an earlier claim");
            }
            claims.add(c);
        }
        return new ClaimSet(paper, claims, source);
    }

    private static Claim claim(String at, Map<String, Object> m, Path base) {
        allowOnly(at + ".", m, CLAIM);
        String id = string(at + ".id", m.get("id"));
        if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidParameterException(at + ".id", id, "must be lower-case letters, digits and '-'");
        }
        ClaimKind kind = ClaimKind.parse(at + ".kind", m.get("kind"));
        TestKind test = testKind(at + ".test", m.get("test"));
        if (test == TestKind.DIFFERENCE) {
            throw new InvalidParameterException(at + ".test", m.get("test"), "must be superiority, non-inferiority or equivalence");
        }
        double margin = m.containsKey("margin") ? real(at + ".margin", m.get("margin")) : 0.0;
        if (margin < 0 || (test != TestKind.SUPERIORITY && margin == 0)) {
            throw new InvalidParameterException(at + ".margin", m.get("margin"),
                    test == TestKind.SUPERIORITY ? "must be >= 0" : "must be > 0 for a " + words(test) + " test");
        }
        double alpha = real(at + ".alpha", m.getOrDefault("alpha", 0.05));
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidParameterException(at + ".alpha", alpha, "must lie in (0, 0.5)");
        }
        List<Claim.Comparisons> comparisons = comparisons(at + ".comparisons", m.get("comparisons"), kind);
        OptionalDouble ratio = OptionalDouble.empty();
        if (kind == ClaimKind.FEWER_EPOCHS) {
            double r = real(at + ".epoch_ratio", m.get("epoch_ratio"));
            if (!(r > 1)) {
                throw new InvalidParameterException(at + ".epoch_ratio", r, "must be > 1");
            }
            ratio = OptionalDouble.of(r);
        } else if (m.containsKey("epoch_ratio")) {
            throw new InvalidParameterException(at + ".epoch_ratio", m.get("epoch_ratio"), "applies to kind fewer-epochs only");
        }
        OptionalDouble gamma = OptionalDouble.empty();
        if (kind == ClaimKind.GAMMA) {
            double g = real(at + ".reference_gamma", m.get("reference_gamma"));
            if (!(g > 0)) {
                throw new InvalidParameterException(at + ".reference_gamma", g, "must be > 0");
            }
            gamma = OptionalDouble.of(g);
        } else if (m.containsKey("reference_gamma")) {
            throw new InvalidParameterException(at + ".reference_gamma", m.get("reference_gamma"), "applies to kind gamma only");
        }
        Claim.At length = Claim.At.EQUAL_CALLS;
        if (m.containsKey("at")) {
            Object a = m.get("at");
            length = java.util.Arrays.stream(Claim.At.values()).filter(x -> x.word().equals(a)).findFirst()
                    .orElseThrow(() -> new InvalidParameterException(at + ".at", a, "must be equal-calls or equal-iterations"));
            if (length == Claim.At.EQUAL_ITERATIONS && kind != ClaimKind.COMPARISON) {
                throw new InvalidParameterException(at + ".at", a, "applies to kind comparison only");
            }
        }
        String paperText = "";
        List<Claim.PaperTable> tables = new ArrayList<>();
        if (m.containsKey("paper")) {
            Map<String, Object> p = map(at + ".paper", m.get("paper"));
            allowOnly(at + ".paper.", p, Set.of("text", "tables"));
            paperText = p.containsKey("text") ? string(at + ".paper.text", p.get("text")) : "";
            Object t = p.getOrDefault("tables", List.of());
            if (!(t instanceof List<?> tl)) {
                throw new InvalidParameterException(at + ".paper.tables", t, "must be a list of {file, names}");
            }
            for (int j = 0; j < tl.size(); j++) {
                String tat = at + ".paper.tables[" + j + "]";
                Map<String, Object> tm = map(tat, tl.get(j));
                allowOnly(tat + ".", tm, Set.of("file", "names"));
                Path file = base.resolve(string(tat + ".file", tm.get("file"))).normalize();
                if (!Files.isRegularFile(file)) {
                    throw new InvalidParameterException(tat + ".file", tm.get("file"), "is not a file (resolved to " + file + ")");
                }
                Map<String, String> names = new LinkedHashMap<>();
                map(tat + ".names", tm.getOrDefault("names", Map.of()))
                        .forEach((k, v) -> names.put(k, string(tat + ".names." + k, v)));
                tables.add(new Claim.PaperTable(file, names));
            }
        }
        java.util.Optional<Claim.DatasetScope> datasets = java.util.Optional.empty();
        if (m.containsKey("datasets")) {
            // a regular expression, or {matching: REGEX, described: WORDS} to name the runs it selects in the outputs
            Object d = m.get("datasets");
            String field = at + ".datasets";
            String pattern;
            java.util.Optional<String> described = java.util.Optional.empty();
            if (d instanceof Map<?, ?>) {
                Map<String, Object> dm = map(field, d);
                for (String k : dm.keySet()) {
                    if (!k.equals("matching") && !k.equals("described")) {
                        throw new InvalidParameterException(field + "." + k, dm.get(k), "is not a field of datasets (matching, described)");
                    }
                }
                field = field + ".matching";
                pattern = string(field, dm.get("matching"));
                if (dm.containsKey("described")) {
                    described = java.util.Optional.of(string(at + ".datasets.described", dm.get("described")));
                }
            } else {
                pattern = string(field, d);
            }
            try {
                datasets = java.util.Optional.of(new Claim.DatasetScope(java.util.regex.Pattern.compile(pattern), described));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new InvalidParameterException(field, pattern, "must be a regular expression over the dataset"
                        + " column (" + e.getDescription() + ")");
            }
        }
        return new Claim(id, string(at + ".where", m.get("where")), string(at + ".statement", m.get("statement")), kind,
                string(at + ".metric", m.get("metric")), comparisons, test, margin, alpha,
                string(at + ".family", m.getOrDefault("family", id)), ratio, gamma, paperText, tables, length, datasets);
    }

    private static List<Claim.Comparisons> comparisons(String at, Object value, ClaimKind kind) {
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            throw new InvalidParameterException(at, value, "must be a non-empty list of {method, against}");
        }
        boolean needsBaselines = kind == ClaimKind.COMPARISON || kind == ClaimKind.FEWER_EPOCHS;
        List<Claim.Comparisons> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String iat = at + "[" + i + "]";
            Map<String, Object> c = map(iat, items.get(i));
            allowOnly(iat + ".", c, Set.of("method", "against"));
            String method = string(iat + ".method", c.get("method"));
            List<String> against = new ArrayList<>();
            Object a = c.get("against");
            if (a != null) {
                if (!(a instanceof List<?> al) || al.isEmpty()) {
                    throw new InvalidParameterException(iat + ".against", a, "must be a non-empty list of methods");
                }
                for (int j = 0; j < al.size(); j++) {
                    String b = string(iat + ".against[" + j + "]", al.get(j));
                    if (b.equals(method)) {
                        throw new InvalidParameterException(iat + ".against[" + j + "]", b, "is the method itself");
                    }
                    against.add(b);
                }
            }
            if (needsBaselines && against.isEmpty()) {
                throw new InvalidParameterException(iat + ".against", a, "is required for kind " + kind.word());
            }
            if (!needsBaselines && !against.isEmpty()) {
                throw new InvalidParameterException(iat + ".against", a, "does not apply to kind " + kind.word());
            }
            out.add(new Claim.Comparisons(method, against));
        }
        return out;
    }

    private static TestKind testKind(String field, Object value) {
        String t = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "superiority" -> TestKind.SUPERIORITY;
            case "non-inferiority" -> TestKind.NON_INFERIORITY;
            case "equivalence" -> TestKind.EQUIVALENCE;
            default -> throw new InvalidParameterException(field, value, "must be superiority, non-inferiority or equivalence");
        };
    }

    static String words(TestKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String field, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidParameterException(field, value, "must be a mapping");
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new InvalidParameterException(field, k, "has a key that is not text");
            }
        }
        return (Map<String, Object>) m;
    }

    private static void allowOnly(String prefix, Map<String, Object> m, Set<String> allowed) {
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw new InvalidParameterException(prefix + k, m.get(k), "is not a known field (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String string(String field, Object value) {
        if (value == null || String.valueOf(value).isBlank() || value instanceof Map || value instanceof List) {
            throw new InvalidParameterException(field, value, "must be non-blank text");
        }
        return String.valueOf(value).trim();
    }

    private static double real(String field, Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        try {
            double d = Double.parseDouble(String.valueOf(value).trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(field, value, "must be a finite number");
    }
}
