package io.salr.optimizers.engine;

import io.salr.validation.InvalidParameterException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workload catalogue: the one place where the name of a network in a run spec, a sweep spec or on the
 * command line becomes a {@link Network}, whose facts the rest of the code asks for instead of comparing
 * names. Engines build the catalogue's networks through registries keyed by {@link Network}.
 */
public final class Catalogue {

    private static final Map<String, Network> BY_NAME;

    static {
        Map<String, Network> m = new LinkedHashMap<>();
        for (Network n : Network.values()) {
            if (m.put(n.label(), n) != null) {
                throw new IllegalStateException("two networks are named " + n.label());
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Catalogue() {
    }

    /** The networks' names, sorted. */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /** Every network of the catalogue, in declaration order. */
    public static List<Network> networks() {
        return Arrays.asList(Network.values());
    }

    /** The network of that name, if there is one. */
    public static Optional<Network> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /**
     * The network called {@code name}, read from {@code field} of a spec or a command line.
     *
     * @throws InvalidParameterException naming {@code field} and the value and listing the names
     */
    public static Network network(String field, String name) {
        return find(name).orElseThrow(() -> new InvalidParameterException(field, name,
                "must be one of " + String.join(", ", names())));
    }
}
