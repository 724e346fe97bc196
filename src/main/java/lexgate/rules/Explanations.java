package lexgate.rules;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import org.drools.drl.ast.descr.RuleDescr;

import java.util.ArrayList;
import java.util.List;

/**
 * The explanations a rule gives, as templates its translations follow. A rule writes its
 * explanation in English, joining text and bound values with {@code +}
 * ({@code "Purpose '" + $p + "' is not ..."}); its template is that text with each value replaced
 * by a numbered placeholder ({@code "Purpose '{0}' is not ..."}). The consequence that is compiled
 * is rewritten from the checked one so that each finding also carries its place in the rule and its
 * values ({@code Finding.deny(...).at(0).arg($p)}), and an answer in French or German is made from
 * the rule's translation with the same values. The rewrite is made from the parsed consequence that
 * the allow-list accepted, and only adds calls to the vocabulary's {@code Finding}.
 */
public final class Explanations {
    private Explanations() {}

    /** One finding of a rule: its kind (deny, obligation, ...), its English template, and how many values it has. */
    public record Template(String kind, String english, int values) {}

    /** A rule's findings in consequence order, and the consequence to compile. */
    public record Rewritten(List<Template> findings, String consequence) {}

    /** The findings of a rule that passed the allow-list, and its consequence with places and values attached. */
    public static Rewritten rewrite(RuleDescr rule) {
        String text = (String) rule.getConsequence();
        ParseResult<BlockStmt> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parseBlock("{" + text + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) return new Rewritten(List.of(), text);
        List<Template> templates = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (Statement s : parsed.getResult().get().getStatements()) {
            if (s instanceof ExpressionStmt es && es.getExpression() instanceof MethodCallExpr insert
                    && insert.getArguments().size() == 1 && insert.getArgument(0) instanceof MethodCallExpr f
                    && f.getScope().map(x -> x.toString().equals("Finding")).orElse(false)) {
                int at = f.getArguments().size() - 1; // the explanation is the last argument
                List<Expression> values = new ArrayList<>();
                StringBuilder english = new StringBuilder();
                flatten(f.getArgument(at), english, values);
                templates.add(new Template(f.getNameAsString(), english.toString(), values.size()));
                MethodCallExpr tagged = new MethodCallExpr(f.clone(), "at", new NodeList<>(new IntegerLiteralExpr(String.valueOf(templates.size() - 1))));
                for (Expression v : values) tagged = new MethodCallExpr(tagged, "arg", new NodeList<>(v.clone()));
                // The call stays the one the rule made (the allow-list admits only insertLogical; behind
                // the walls, in tests, a plain insert must stay plain).
                out.append(insert.getNameAsString()).append('(').append(tagged).append(");\n");
            } else {
                out.append(s).append('\n');
            }
        }
        return new Rewritten(List.copyOf(templates), out.toString());
    }

    /** Text parts are the template's words; anything else becomes {n}, and its expression a value. */
    private static void flatten(Expression e, StringBuilder english, List<Expression> values) {
        Expression x = e;
        while (x instanceof EnclosedExpr en && isConcat(en.getInner())) x = en.getInner();
        if (isConcat(x)) {
            BinaryExpr b = (BinaryExpr) x;
            flatten(b.getLeft(), english, values);
            flatten(b.getRight(), english, values);
        } else if (x instanceof StringLiteralExpr s) {
            english.append(s.asString());
        } else {
            english.append('{').append(values.size()).append('}');
            values.add(x);
        }
    }

    /** A concatenation of text: '+' with a text on either side somewhere below (not arithmetic). */
    private static boolean isConcat(Expression e) {
        return e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS && hasText(b);
    }

    private static boolean hasText(Expression e) {
        if (e instanceof StringLiteralExpr) return true;
        if (e instanceof EnclosedExpr en) return hasText(en.getInner());
        return e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS && (hasText(b.getLeft()) || hasText(b.getRight()));
    }

    /**
     * Fills a template's placeholders {0}, {1}, ... with the values, in the language of the template: a
     * value whose words depend on the language ({@link lexgate.vocabulary.Localised}, a period) is
     * written in {@code lang}, any other as it reads in the rule's English.
     */
    public static String fill(String template, List<?> values, String lang) {
        String out = template;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String words = v instanceof lexgate.vocabulary.Localised l ? l.in(lang) : String.valueOf(v);
            out = out.replace("{" + i + "}", words);
        }
        return out;
    }

    /** The placeholders a template uses, in order of their numbers, e.g. [0, 1]. */
    public static List<Integer> placeholders(String template) {
        List<Integer> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\d+)}").matcher(template);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (!out.contains(n)) out.add(n);
        }
        out.sort(null);
        return out;
    }
}
