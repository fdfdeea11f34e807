package io.salr.validation.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Malformed inputs made from valid ones, for the fuzz properties: truncations, deleted and repeated spans,
 * hostile tokens (numbers beyond 64 bits, non-finite numbers, YAML anchors and tags, quotes, control
 * characters), values of the wrong type and deep nesting. A mutation is a pure function of the valid input and
 * a seed, so jqwik's reported seed reproduces a failing input. It lives in this module's test jar, which every
 * module that fuzzes a parser (datasets, analysis, harness) uses.
 */
public final class Mutations {

    /** Tokens that parsers get wrong: numbers that wrap or overflow, non-finite numbers, YAML and CSV syntax. */
    static final List<String> TOKENS = List.of("18446744073709551617", "-9223372036854775809", "99999999999999999999999",
            "9223372036854775807", "2147483648", "1e999", "-1e999", "1e-999", "4.9e-324", ".nan", ".inf", "-.inf", "NaN",
            "Infinity", "-Infinity", "-0", "0x7fffffffffffffff", "0o777", "1_000", "~", "null", "true", "false", "yes",
            "[]", "{}", "''", "\"", "'", "&a [1, 2]", "*a", "*undefined", "!!binary AAAA", "!!python/object:os.system",
            "!!java.io.File", "<<: *a", "---", "...", "%YAML 1.1", "\t", "\u0000", "\uFEFF", "\uD800", "\u202E", ",", ";",
            "\r\n", "\r", "#", "|", ">", "? ", ": ", "- ", "-", "e", "%", "\\", "\"\"", ",,,", "\n\n", "=", "0", "1", "-1",
            "0.5", "1.5", "100", "10000000000");

    /** Values of the wrong type for any field. */
    static final List<String> WRONG_TYPES = List.of("[1, 2]", "{x: 1}", "'text'", "true", "null", "[]", "{}", "[[[]]]",
            "1e999", "18446744073709551617", "-5", "0", "\"\"", "[a, [b, {c: d}]]");

    private Mutations() {
    }

    /** One to four random mutations of {@code valid}. */
    public static String mutate(String valid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String s = valid;
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            s = once(s, r);
        }
        return s;
    }

    private static String once(String s, SplittableRandom r) {
        int n = s.length();
        int at = n == 0 ? 0 : r.nextInt(n + 1);
        switch (r.nextInt(10)) {
            case 0:
                return s.substring(0, at); // truncation
            case 1: { // delete a span
                int end = Math.min(n, at + 1 + r.nextInt(40));
                return s.substring(0, at) + s.substring(end);
            }
            case 2: { // repeat a span
                int end = Math.min(n, at + 1 + r.nextInt(60));
                String span = s.substring(at, end);
                return s.substring(0, end) + span.repeat(1 + r.nextInt(3)) + s.substring(end);
            }
            case 3: // a hostile token
                return s.substring(0, at) + TOKENS.get(r.nextInt(TOKENS.size())) + s.substring(at);
            case 4: { // replace a number with a hostile one
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?").matcher(s);
                List<int[]> spans = new java.util.ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty()) {
                    return s;
                }
                int[] sp = spans.get(r.nextInt(spans.size()));
                return s.substring(0, sp[0]) + TOKENS.get(r.nextInt(12)) + s.substring(sp[1]);
            }
            case 5: { // replace a character with any character
                if (n == 0) {
                    return s;
                }
                int i = r.nextInt(n);
                char c = (char) (r.nextBoolean() ? r.nextInt(128) : r.nextInt(0x10000));
                return s.substring(0, i) + c + s.substring(i + 1);
            }
            case 6: { // deep nesting
                int depth = 1 + r.nextInt(r.nextBoolean() ? 100 : 20_000);
                String open = r.nextBoolean() ? "[" : "{a: ";
                String close = open.equals("[") ? "]" : "}";
                return s.substring(0, at) + open.repeat(depth) + close.repeat(r.nextInt(4) == 0 ? depth / 2 : depth)
                        + s.substring(at);
            }
            case 7: { // swap two lines
                String[] lines = s.split("\n", -1);
                if (lines.length < 2) {
                    return s;
                }
                int a = r.nextInt(lines.length);
                int b = r.nextInt(lines.length);
                String t = lines[a];
                lines[a] = lines[b];
                lines[b] = t;
                return String.join("\n", lines);
            }
            case 8: { // a value of the wrong type after a key or in a cell
                int colon = s.indexOf(r.nextBoolean() ? ": " : ",", at);
                if (colon < 0) {
                    return s;
                }
                int end = s.indexOf(r.nextBoolean() ? '\n' : ',', colon + 1);
                end = end < 0 ? n : end;
                return s.substring(0, colon + 1) + " " + WRONG_TYPES.get(r.nextInt(WRONG_TYPES.size())) + s.substring(end);
            }
            default: { // a line repeated many times
                String[] lines = s.split("\n", -1);
                String line = lines[r.nextInt(lines.length)];
                return s + ("\n" + line).repeat(1 + r.nextInt(r.nextBoolean() ? 3 : 3000));
            }
        }
    }

    /** One to four random byte-level mutations of {@code valid}: flips, truncations, deleted, repeated and random spans. */
    public static byte[] mutate(byte[] valid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = valid;
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            int n = b.length;
            int at = n == 0 ? 0 : r.nextInt(n);
            switch (r.nextInt(6)) {
                case 0 -> b = java.util.Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n)); // truncation
                case 1 -> { // flip bits
                    if (n > 0) {
                        b = b.clone();
                        b[at] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 2 -> { // delete a span
                    int end = Math.min(n, at + 1 + r.nextInt(16));
                    byte[] c = new byte[n - (end - at)];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, end, c, at, n - end);
                    b = c;
                }
                case 3 -> { // repeat a span
                    int end = Math.min(n, at + 1 + r.nextInt(64));
                    byte[] c = new byte[n + (end - at)];
                    System.arraycopy(b, 0, c, 0, end);
                    System.arraycopy(b, at, c, end, n - at);
                    b = c;
                }
                case 4 -> { // a big-endian int of an extreme value (a length or a dimension that lies)
                    if (n >= 4) {
                        b = b.clone();
                        int v = new int[] {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 1 << 30, 65536}[r.nextInt(6)];
                        int p = r.nextInt(n - 3);
                        b[p] = (byte) (v >>> 24);
                        b[p + 1] = (byte) (v >>> 16);
                        b[p + 2] = (byte) (v >>> 8);
                        b[p + 3] = (byte) v;
                    }
                }
                default -> { // random bytes inserted
                    byte[] noise = new byte[1 + r.nextInt(32)];
                    r.nextBytes(noise);
                    byte[] c = new byte[n + noise.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(noise, 0, c, at, noise.length);
                    System.arraycopy(b, at, c, at + noise.length, n - at);
                    b = c;
                }
            }
        }
        return b;
    }

    /** What became of one input: accepted, or refused with the documented error. */
    public enum Outcome { ACCEPTED, REFUSED }

    private static final ExecutorService WORKER = Executors.newCachedThreadPool(t -> {
        Thread th = new Thread(t, "fuzz");
        th.setDaemon(true);
        return th;
    });

    /**
     * Runs {@code parse} within {@code limit}; an exception that {@code documented} accepts is a refusal,
     * anything else (another exception, an error such as OutOfMemoryError, a hang) fails with the input shown.
     */
    public static Outcome check(String what, Object input, Runnable parse, Predicate<Throwable> documented, Duration limit) {
        Future<?> f = WORKER.submit(parse);
        try {
            f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return Outcome.ACCEPTED;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " hung (more than " + limit + ") on: " + show(input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (documented.test(c)) {
                if (c.getMessage() == null || c.getMessage().isBlank()) {
                    throw new AssertionError(what + " refused without a message: " + show(input), c);
                }
                return Outcome.REFUSED;
            }
            throw new AssertionError(what + " threw " + c + " (not its documented error) on: " + show(input), c);
        }
    }

    static String show(Object input) {
        String s = input instanceof byte[] b ? b.length + " bytes" : String.valueOf(input);
        return s.length() > 600 ? s.substring(0, 600) + "... (" + s.length() + " chars)" : s;
    }
}
