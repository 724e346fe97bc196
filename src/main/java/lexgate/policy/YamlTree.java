package lexgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML file read the way its authors write it, with every node's line: YAML 1.2 (the core schema:
 * {@code NO} for Norway stays text, only {@code true}/{@code false} are booleans), no duplicate keys,
 * bounded aliases, and problems as {@code file:line:column: message}. The tree is Jackson's, so the
 * readers built on it stay as they were; {@link #line} finds where any part of it was written, and
 * {@link #unknownKeys} turns a misspelt key into an error rather than a value silently ignored.
 */
public final class YamlTree {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<String, int[]> positions;

    private YamlTree(String file, JsonNode root, Map<String, int[]> positions) {
        this.file = file;
        this.root = root;
        this.positions = positions;
    }

    /** A YAML file that cannot be read: its problem, located. */
    public static final class Invalid extends RuntimeException {
        /** {@code file:line:column: message}. */
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a file; throws {@link Invalid} naming the line of the syntax error. */
    public static YamlTree parse(String file, String content) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(20).setAllowRecursiveKeys(false).setCodePointLimit(8 * 1024 * 1024)
                .setLabel(file).build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(content);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String what = e.getProblem() == null ? "" : e.getProblem();
            throw new Invalid(file + ":" + (m == null ? 1 : m.getLine() + 1) + ":" + (m == null ? 1 : m.getColumn() + 1)
                    + ": the YAML cannot be read: " + plain(what, e.getContext()));
        } catch (YamlEngineException e) {
            throw new Invalid(file + ":1:1: the YAML cannot be read: " + oneLine(e.getMessage()));
        }
        Map<String, int[]> positions = new HashMap<>();
        JsonNode root = node.map(n -> convert(n, "", positions)).orElse(F.nullNode());
        return new YamlTree(file, root, positions);
    }

    private static String plain(String problem, String context) {
        String p = problem;
        if (p.contains("found duplicate key")) return "a key appears twice in the same map";
        if (p.contains("mapping values are not allowed")) return "a colon followed by a space inside a value (quote the value), or a wrong indentation";
        if (p.contains("expected <block end>")) return "the indentation does not match the lines above";
        if (context != null && !context.isBlank()) p = context + ": " + p;
        return oneLine(p);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static JsonNode convert(Node n, String path, Map<String, int[]> positions) {
        positions.put(path, new int[] {n.getStartMark().map(m -> m.getLine() + 1).orElse(1),
                n.getStartMark().map(m -> m.getColumn() + 1).orElse(1)});
        if (n instanceof MappingNode m) {
            ObjectNode o = F.objectNode();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                String child = path + "/" + key.replace("~", "~0").replace("/", "~1");
                positions.put(child + "#key", new int[] {t.getKeyNode().getStartMark().map(x -> x.getLine() + 1).orElse(1),
                        t.getKeyNode().getStartMark().map(x -> x.getColumn() + 1).orElse(1)});
                o.set(key, convert(t.getValueNode(), child, positions));
            }
            return o;
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = F.arrayNode();
            int i = 0;
            for (Node x : s.getValue()) a.add(convert(x, path + "/" + i++, positions));
            return a;
        }
        ScalarNode s = (ScalarNode) n;
        Tag tag = s.getTag();
        String v = s.getValue();
        if (Tag.NULL.equals(tag)) return F.nullNode();
        if (Tag.BOOL.equals(tag)) return F.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger b = v.startsWith("0x") ? new BigInteger(v.substring(2), 16)
                        : v.startsWith("0o") ? new BigInteger(v.substring(2), 8) : new BigInteger(v.replace("+", ""));
                return b.bitLength() < 64 ? F.numberNode(b.longValue()) : F.numberNode(b);
            } catch (NumberFormatException e) {
                return F.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return F.numberNode(new BigDecimal(v));
            } catch (NumberFormatException e) {
                return F.textNode(v); // .inf, .nan: text, never a number a rule would compare
            }
        }
        return F.textNode(v);
    }

    /** The whole document. */
    public JsonNode root() {
        return root;
    }

    /** The file, as named in problems. */
    public String file() {
        return file;
    }

    /**
     * The line where the node at the JSON pointer (e.g. {@code /3/expect/silent}) was written; for
     * a key itself, add {@code #key}. Falls back to the nearest enclosing node, then to line 1.
     */
    public int line(String pointer) {
        return position(pointer)[0];
    }

    /** {@code file:line:column} of the node at the pointer. */
    public String at(String pointer) {
        int[] p = position(pointer);
        return file + ":" + p[0] + ":" + p[1];
    }

    private int[] position(String pointer) {
        String p = pointer;
        while (true) {
            int[] pos = positions.get(p);
            if (pos != null) return pos;
            if (p.endsWith("#key")) {
                p = p.substring(0, p.length() - 4);
                continue;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) return new int[] {1, 1};
            p = p.substring(0, slash);
        }
    }

    /**
     * Every key of the map at {@code pointer} that is not among {@code allowed}, as
     * {@code file:line:column: message} with the nearest allowed key suggested.
     */
    public List<String> unknownKeys(String pointer, Collection<String> allowed, String what) {
        List<String> out = new ArrayList<>();
        JsonNode n = pointer.isEmpty() ? root : root.at(pointer);
        if (n == null || !n.isObject()) return out;
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                String near = Suggest.nearest(k, allowed);
                out.add(at(pointer + "/" + k.replace("~", "~0").replace("/", "~1") + "#key") + ": '" + k + "' is not a key of "
                        + what + (near != null ? "; did you mean '" + near + "'?" : " (" + String.join(", ", allowed) + ")"));
            }
        });
        return out;
    }
}
