package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A JSON Schema (draft 2020-12) shipped in this jar, applied to a {@link MarkedDocument} and
 * turned into messages a V&V engineer can act on. Schema nodes may carry {@code x-hint}: the
 * sentence shown when a value does not fit (e.g. how to write a baud rate), because the
 * validator's own wording ("does not match the regex pattern ...") helps nobody.
 */
final class FileSchema {
    /** Resource folder of the schemas; also where editors can find them inside the jar. */
    static final String FOLDER = "/dev/hil/scenarios/";
    private static final String HINT = "x-hint";
    /** Keywords that judge a value itself; for these a hint explains better than the keyword. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "enum", "const", "pattern", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
            "minProperties", "maxProperties");

    private final String name;
    private final JsonNode schemaTree;
    private final JsonSchema schema;

    private FileSchema(String name, JsonNode schemaTree, JsonSchema schema) {
        this.name = name;
        this.schemaTree = schemaTree;
        this.schema = schema;
    }

    /** Loads {@code FOLDER + resourceName}; a missing or broken schema is a build defect, not an input error. */
    static FileSchema load(String resourceName) {
        String path = FOLDER + resourceName;
        JsonNode tree;
        try (InputStream in = FileSchema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + path + " is missing from the jar");
            }
            tree = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + path, e);
        }
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new NonValidationKeyword(HINT))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.metaSchema(meta));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        return new FileSchema(resourceName, tree, factory.getSchema(tree, config));
    }

    String name() {
        return name;
    }

    /** Adds one problem per schema violation, each at the mark of the value or key it concerns. */
    void check(MarkedDocument doc, Problems problems) {
        for (ValidationMessage msg : schema.validate(doc.root())) {
            String at = pointer(msg.getInstanceLocation());
            String type = msg.getType();
            switch (type) {
                case "additionalProperties", "unevaluatedProperties" -> {
                    String key = msg.getProperty() != null ? msg.getProperty() : String.valueOf(msg.getArguments()[0]);
                    String child = Pointers.child(at, key);
                    problems.add(child, doc.keyMark(child), "unknown key '" + Pointers.dotted(child) + "'"
                            + knownKeys(msg));
                }
                case "required" -> {
                    String key = msg.getProperty() != null ? msg.getProperty() : String.valueOf(msg.getArguments()[0]);
                    // Blame the missing key, not its parent, so checks of the parent's other keys still run.
                    String child = Pointers.child(at, key);
                    problems.add(child, doc.mark(at), "missing required key '" + Pointers.dotted(child) + "'");
                }
                default -> problems.add(at, doc.mark(at), Pointers.dotted(at) + ": " + describe(msg, doc.at(at)));
            }
        }
    }

    private String describe(ValidationMessage msg, JsonNode value) {
        String type = msg.getType();
        if (VALUE_KEYWORDS.contains(type)) {
            String hint = hint(msg);
            if (hint != null) {
                return show(value) + " " + hint;
            }
        }
        JsonNode keyword = msg.getSchemaNode();
        switch (type) {
            case "type":
                return "expected " + expected(keyword) + ", got " + kind(value);
            case "enum": {
                StringJoiner options = new StringJoiner(", ");
                keyword.forEach(o -> options.add(o.asText()));
                return show(value) + " is not one of " + options;
            }
            case "const":
                return "must be " + show(keyword);
            default: {
                // The validator's sentence starts with the location; ours already does.
                String m = msg.getMessage();
                int colon = m.indexOf(": ");
                return colon >= 0 ? m.substring(colon + 2) : m;
            }
        }
    }

    /** The x-hint of the innermost schema on the way to the failing keyword. */
    private String hint(ValidationMessage msg) {
        JsonNode node = schemaTree;
        String hint = node.path(HINT).isTextual() ? node.get(HINT).asText() : null;
        JsonNodePath fragment = msg.getSchemaLocation().getFragment();
        for (int i = 0; i < fragment.getNameCount() && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
            if (node != null && node.path(HINT).isTextual()) {
                hint = node.get(HINT).asText();
            }
        }
        return hint;
    }

    /** " (known: a, b)" from the properties next to the failing additionalProperties. */
    private String knownKeys(ValidationMessage msg) {
        JsonNode node = schemaTree;
        JsonNodePath fragment = msg.getSchemaLocation().getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        if (node == null || !node.path("properties").isObject()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        node.get("properties").fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")";
    }

    private static String pointer(JsonNodePath path) {
        String p = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            p = element instanceof Integer index ? Pointers.child(p, index) : Pointers.child(p, String.valueOf(element));
        }
        return p;
    }

    private static String expected(JsonNode typeKeyword) {
        JsonNode types = typeKeyword != null && typeKeyword.isObject() ? typeKeyword.get("type") : typeKeyword;
        if (types == null) {
            return "another kind of value";
        }
        if (types.isArray()) {
            StringJoiner any = new StringJoiner(" or ");
            types.forEach(t -> any.add(typeName(t.asText())));
            return any.toString();
        }
        return typeName(types.asText());
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "null" -> "nothing";
            default -> jsonType;
        };
    }

    static String kind(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return "'" + value.asText() + "' (true or false)";
        }
        if (value.isIntegralNumber()) {
            return "the number " + value.asText();
        }
        if (value.isNumber()) {
            return "the number " + value.decimalValue().toPlainString();
        }
        return "text " + show(value);
    }

    /** A value as the file would show it, quoted when it is text. */
    static String show(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isBigDecimal()) {
            return "'" + value.decimalValue().toPlainString() + "'";
        }
        return value.isValueNode() ? "'" + value.asText() + "'" : value.toString();
    }
}
