package dev.murmur.node.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4) for tests: every sample must
 * belong to a family announced by # TYPE, names and labels must be well-formed, values must be
 * numbers, and no series may appear twice. Anything else fails the test that scraped it.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "info",
            "stateset", "unknown");
    private static final Map<String, String[]> SUFFIXES = Map.of(
            "counter", new String[] {"_total", "_created"},
            "histogram", new String[] {"_bucket", "_count", "_sum", "_created"},
            "summary", new String[] {"_count", "_sum", "_created"},
            "info", new String[] {"_info"});

    private final Map<String, String> types = new HashMap<>();
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (i != lines.length - 1) {
                    throw new IllegalArgumentException("empty line " + (i + 1));
                }
                continue;
            }
            try {
                p.line(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
            }
        }
        return p;
    }

    private void line(String line) {
        if (line.startsWith("# HELP ")) {
            requireName(line.substring(7).split(" ", 2)[0]);
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            if (parts.length != 2 || !TYPES.contains(parts[1])) {
                throw new IllegalArgumentException("bad TYPE line");
            }
            requireName(parts[0]);
            if (types.put(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("family typed twice: " + parts[0]);
            }
            return;
        }
        if (line.startsWith("#")) {
            throw new IllegalArgumentException("unknown comment");
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.indexOf("} ", brace);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated labels");
            }
            String body = line.substring(brace + 1, close);
            Matcher m = LABEL.matcher(body);
            int pos = 0;
            while (pos < body.length()) {
                if (!m.find(pos) || m.start() != pos) {
                    throw new IllegalArgumentException("bad label at " + pos);
                }
                if (labels.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("label twice: " + m.group(1));
                }
                pos = m.end();
                if (pos < body.length()) {
                    if (body.charAt(pos) != ',') {
                        throw new IllegalArgumentException("expected ',' at " + pos);
                    }
                    pos++;
                }
            }
            rest = line.substring(close + 2);
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1);
        }
        requireName(name);
        if (familyOf(name) == null) {
            throw new IllegalArgumentException("sample without a # TYPE family: " + name);
        }
        String[] valueAndTime = rest.split(" ");
        if (valueAndTime.length > 2) {
            throw new IllegalArgumentException("trailing fields");
        }
        double value = number(valueAndTime[0]);
        String key = key(name, labels);
        if (samples.put(key, value) != null) {
            throw new IllegalArgumentException("duplicate series " + key);
        }
    }

    private String familyOf(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (Map.Entry<String, String[]> e : SUFFIXES.entrySet()) {
            for (String suffix : e.getValue()) {
                if (sample.endsWith(suffix)) {
                    String family = sample.substring(0, sample.length() - suffix.length());
                    if (e.getKey().equals(types.get(family))) {
                        return family;
                    }
                }
            }
        }
        return null;
    }

    private static double number(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }

    /** The type of a family, or null when it is not exposed. */
    public String type(String family) {
        return types.get(family);
    }

    /** A sample's value; labels as name, value pairs; 0 when the series is absent (Prometheus semantics for counters). */
    public double value(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(key(name, l), 0.0);
    }

    /** True when the series exists. */
    public boolean has(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        return samples.containsKey(key(name, l));
    }

    /** The sum of every series of {@code name} whose labels include the given pairs. */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String k = e.getKey();
            if (!(k.equals(name) || k.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= k.contains(labels[i] + "=" + labels[i + 1] + ",") || k.contains(labels[i] + "=" + labels[i + 1] + "}");
            }
            if (all) {
                total += e.getValue();
            }
        }
        return total;
    }

    public Set<String> families() {
        return types.keySet();
    }

    public Map<String, Double> samples() {
        return samples;
    }
}
