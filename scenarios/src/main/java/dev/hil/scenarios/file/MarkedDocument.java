package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hil.core.scenario.SourceMark;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML file as a JSON tree (for the schema) that still knows where every value and key was
 * written. Built from snakeyaml-engine's node graph rather than its object constructor because
 * only the node graph carries line and column marks.
 */
final class MarkedDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path file;
    private final JsonNode root;
    private final Map<String, SourceMark> valueMarks;
    private final Map<String, SourceMark> keyMarks;

    private MarkedDocument(Path file, JsonNode root, Map<String, SourceMark> valueMarks,
                           Map<String, SourceMark> keyMarks) {
        this.file = file;
        this.root = root;
        this.valueMarks = valueMarks;
        this.keyMarks = keyMarks;
    }

    /** Reads {@code file}; syntax errors, duplicate keys and non-scalar keys are all reported. */
    static MarkedDocument read(Path file) throws InputError {
        SourceMark top = new SourceMark(file, 1, 1);
        if (!Files.isRegularFile(file)) {
            throw new InputError(top, Files.exists(file) ? "is not a file" : "file does not exist");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .build();
        List<Node> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterator<Node> all = new Compose(settings).composeAllFromInputStream(in).iterator();
            while (all.hasNext()) {
                documents.add(all.next());
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
            SourceMark mark = at.map(m -> new SourceMark(file, m.getLine() + 1, m.getColumn() + 1)).orElse(top);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new InputError(mark, "YAML syntax: " + oneLine(problem));
        } catch (YamlEngineException e) {
            throw new InputError(top, "YAML syntax: " + oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new InputError(top, "cannot read file: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw new InputError(top, "file is empty");
        }
        if (documents.size() > 1) {
            throw new InputError(markOf(file, documents.get(1), top), "only one YAML document per file (found a second '---')");
        }
        Builder builder = new Builder(file);
        JsonNode root = builder.convert(documents.get(0), "");
        builder.problems.throwIfAny();
        return new MarkedDocument(file, root, builder.valueMarks, builder.keyMarks);
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    /** The value at {@code pointer}, or a missing node. */
    JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** Where the value at {@code pointer} starts; for a pointer that names nothing, its nearest parent. */
    SourceMark mark(String pointer) {
        String p = pointer;
        while (true) {
            SourceMark m = valueMarks.get(p);
            if (m != null || p.isEmpty()) {
                return m != null ? m : new SourceMark(file, 1, 1);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Where the key naming the value at {@code pointer} was written; the value's mark if it has no key. */
    SourceMark keyMark(String pointer) {
        SourceMark m = keyMarks.get(pointer);
        return m != null ? m : mark(pointer);
    }

    /**
     * The value at {@code pointer} as plain Java values (Map, List, String, Integer/Long/BigInteger,
     * Double, Boolean), unmodifiable and in file order. An empty value ({@code ~} or nothing) is
     * reported, since no fault parameter means "nothing" and Java's immutable collections cannot
     * hold it; null is returned in its place.
     */
    Object plain(String pointer, Problems problems) {
        JsonNode node = at(pointer);
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fieldNames().forEachRemaining(name -> {
                Object v = plain(Pointers.child(pointer, name), problems);
                if (v != null) {
                    map.put(name, v);
                }
            });
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Object v = plain(Pointers.child(pointer, i), problems);
                if (v != null) {
                    list.add(v);
                }
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isNull() || node.isMissingNode()) {
            problems.add(pointer, mark(pointer), Pointers.dotted(pointer) + ": has no value");
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.numberValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static SourceMark markOf(Path file, Node node, SourceMark fallback) {
        return node.getStartMark().map(m -> new SourceMark(file, m.getLine() + 1, m.getColumn() + 1)).orElse(fallback);
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").trim();
    }

    /** Walks the node graph once, filling marks and collecting every duplicate-key problem. */
    private static final class Builder {
        private final Path file;
        private final Map<String, SourceMark> valueMarks = new HashMap<>();
        private final Map<String, SourceMark> keyMarks = new HashMap<>();
        private final Problems problems = new Problems();
        // Nodes on the current path: an alias pointing at its own ancestor would never end.
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

        Builder(Path file) {
            this.file = file;
        }

        JsonNode convert(Node node, String pointer) {
            SourceMark here = markOf(file, node, new SourceMark(file, 1, 1));
            valueMarks.put(pointer, here);
            if (!open.add(node)) {
                problems.add(pointer, here, "an alias refers to a value that contains it");
                return JSON.nullNode();
            }
            try {
                return convertOpen(node, pointer, here);
            } finally {
                open.remove(node);
            }
        }

        private JsonNode convertOpen(Node node, String pointer, SourceMark here) {
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JSON.objectNode();
                Map<String, SourceMark> seen = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    SourceMark keyAt = markOf(file, tuple.getKeyNode(), here);
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                        problems.add(pointer, keyAt, "a key must be a plain word, not a list or map");
                        continue;
                    }
                    String key = keyNode.getValue();
                    String child = Pointers.child(pointer, key);
                    SourceMark first = seen.putIfAbsent(key, keyAt);
                    if (first != null) {
                        problems.add(child, keyAt, "duplicate key '" + dotted(child) + "' (first at line "
                                + first.line() + ")");
                        continue;
                    }
                    keyMarks.put(child, keyAt);
                    object.set(key, convert(tuple.getValueNode(), child));
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JSON.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(items.get(i), Pointers.child(pointer, i)));
                }
                return array;
            }
            return scalar((ScalarNode) node);
        }

        private static String dotted(String pointer) {
            return Pointers.dotted(pointer);
        }

        /** Core-schema scalars: the tag the composer resolved decides the JSON type. */
        private static JsonNode scalar(ScalarNode node) {
            String text = node.getValue();
            Tag tag = node.getTag();
            try {
                if (Tag.NULL.equals(tag)) {
                    return JSON.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    return JSON.booleanNode(text.equalsIgnoreCase("true"));
                }
                if (Tag.INT.equals(tag)) {
                    return integer(text);
                }
                if (Tag.FLOAT.equals(tag) && !text.toLowerCase().contains("inf") && !text.toLowerCase().contains("nan")) {
                    return JSON.numberNode(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
                }
            } catch (NumberFormatException e) {
                // A tag we cannot turn into a number stays text; the schema will say what was expected.
            }
            return JSON.textNode(text);
        }

        private static JsonNode integer(String text) {
            String t = text.startsWith("+") ? text.substring(1) : text;
            BigInteger n;
            if (t.startsWith("0x")) {
                n = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0o")) {
                n = new BigInteger(t.substring(2), 8);
            } else {
                n = new BigInteger(t);
            }
            if (n.bitLength() < 32) {
                return JSON.numberNode(n.intValue());
            }
            return n.bitLength() < 64 ? JSON.numberNode(n.longValue()) : JSON.numberNode(n);
        }
    }
}
