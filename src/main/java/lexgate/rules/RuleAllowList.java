package lexgate.rules;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import lexgate.vocabulary.CodeSet;
import lexgate.vocabulary.Codes;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The first wall between rule files and the service: an allow-list checked on each file as
 * Drools' own parser reads it ({@code DrlParser} → {@code PackageDescr}), with every constraint
 * parsed by Drools' expression parser and every atom of it, and every consequence, parsed as Java
 * by JavaParser and type-checked against the vocabulary ({@link VocabularyIndex}).
 *
 * <p>A rule file may say only what the law needs: a {@code package}, imports of the vocabulary,
 * rules with their metadata and an integer {@code salience}; conditions that are patterns over
 * vocabulary facts ({@code not}, {@code exists}, {@code forall}, {@code and}, {@code or}, and
 * {@code accumulate} with {@code count}, {@code collectList} or {@code collectSet}); constraints
 * made of the facts' properties, literals, bound variables, comparisons, {@code in}, {@code contains},
 * {@code memberOf}, boolean operators and the vocabulary's {@code @RuleApi} methods; and
 * consequences that are {@code insertLogical(...)} of a {@code Finding} or of a vocabulary type a
 * rule may create, built from literals, concatenation, variables and vocabulary calls. Everything
 * else is refused with {@code file:line:column} and a sentence a legal author understands. Text
 * codes compared with a property that has a code set ({@code purpose == "ai-model-training"}) are
 * checked against that set, so a misspelt code is an error rather than a rule that never fires.
 *
 * <p>{@link CompiledRulesCheck} checks again what Drools compiled: this class is the first wall, not the only one.
 */
public final class RuleAllowList {
    /** Metadata keys a rule may carry. */
    public static final List<String> METADATA = List.of("id", "cite", "jurisdiction", "inForce", "until", "noFine");
    /** Accumulate functions a rule may use. */
    public static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.of(
            "count", Long.class, "collectList", List.class, "collectSet", Set.class);
    /** Operators between two sides of a constraint. */
    static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "contains", "memberOf");

    private static final DrlExprParser EXPR = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);

    private final String file;
    private final VocabularyIndex vocab = VocabularyIndex.INSTANCE;
    private final Function<CodeSet, Collection<String>> codes;
    private final List<String> problems = new ArrayList<>();
    private String[] lines = new String[0];

    private RuleAllowList(String file, Function<CodeSet, Collection<String>> codes) {
        this.file = file;
        this.codes = codes;
    }

    /**
     * Checks one rule file; returns its parsed form (null if it cannot be parsed) and every problem as
     * {@code file:line:column: message}. {@code codes} gives the values of each open code set.
     */
    public static Checked check(SourceFile f, Function<CodeSet, Collection<String>> codes) {
        RuleAllowList a = new RuleAllowList(f.path(), codes);
        PackageDescr pd = a.checkFile(f.content());
        return new Checked(pd, a.problems.stream().sorted(java.util.Comparator.comparing(RuleAllowList::position)).toList());
    }

    /** Parses a rule file without the allow-list (tests of the walls behind it only). */
    static Checked parseOnly(SourceFile f) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr pd = parser.parse(false, f.content());
            if (parser.hasErrors() || pd == null) return new Checked(null, List.of(f.path() + ":1:1: syntax error: " + parser.getErrors()));
            return new Checked(pd, List.of());
        } catch (DroolsParserException e) {
            return new Checked(null, List.of(f.path() + ":1:1: " + oneLine(e.getMessage())));
        }
    }

    /** Checks one constraint expression as compiled, against the pattern's type (the second wall's re-check). */
    static List<String> checkCompiledConstraint(String where, Class<?> patternType, String expression,
                                                Map<String, Class<?>> variables, Function<CodeSet, Collection<String>> codes) {
        RuleAllowList a = new RuleAllowList(where, codes);
        Scope scope = new Scope(patternType);
        scope.vars.putAll(variables);
        a.constraint(expression, 0, 0, scope);
        // "where" is already file:line; drop the column the expression check adds.
        return a.problems.stream().map(p -> p.replaceFirst("^(.*?:\\d+):1:1:", "$1:")).toList();
    }

    /** "file:line:column: ..." gives line * 100000 + column, for ordering a file's problems. */
    private static long position(String problem) {
        String[] parts = problem.split(":", 4);
        try {
            return Long.parseLong(parts[1]) * 100_000 + Long.parseLong(parts[2]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A file as parsed, with the problems found. */
    public record Checked(PackageDescr descr, List<String> problems) {}

    private void problem(int line, int column, String message) {
        problems.add(file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message);
    }

    private PackageDescr checkFile(String content) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int u = l.indexOf("\\u");
            if (u >= 0) problem(i + 1, u + 1, "'\\u' escapes are not allowed in rule files: write the character itself");
            for (int c = 0; c < l.length(); c++) {
                char ch = l.charAt(c);
                if (ch < 0x20 && ch != '\t' && ch != '\r' || ch == 0x7f) {
                    problem(i + 1, c + 1, "a control character (code " + (int) ch + ") is not allowed in a rule file");
                }
            }
        }
        if (!problems.isEmpty()) return null;
        DrlParser parser = new DrlParser();
        PackageDescr pd;
        try {
            pd = parser.parse(false, content);
        } catch (DroolsParserException | RuntimeException e) {
            problem(1, 1, "the file cannot be read as a rule file: " + oneLine(e.getMessage()));
            return null;
        }
        if (parser.hasErrors() || pd == null) {
            for (DroolsError e : parser.getErrors()) {
                int[] lines2 = e.getLines();
                String m = oneLine(e.getMessage());
                java.util.regex.Matcher at = java.util.regex.Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+) ").matcher(m);
                int line = lines2 != null && lines2.length > 0 ? lines2[0] : 1, col = 1;
                if (at.find()) {
                    line = Integer.parseInt(at.group(1));
                    col = Integer.parseInt(at.group(2)) + 1;
                    m = m.substring(at.end());
                }
                java.util.regex.Matcher eof = java.util.regex.Pattern.compile("mismatched input '<eof>' in rule \"([^\"]*)\"").matcher(m);
                problem(line, col, eof.find()
                        ? "the file ends inside rule \"" + eof.group(1) + "\": its 'end' is missing (every rule ends with a line 'end')"
                        : "this is not valid rule syntax: " + m);
            }
            if (pd == null || parser.hasErrors()) return null;
        }
        this.lines = lines;
        checkPackage(pd);
        return pd;
    }

    private void checkPackage(PackageDescr pd) {
        if (pd.getName() == null || pd.getName().isBlank()) problem(1, 1, "the file has no package line");
        if (pd.getUnit() != null) refuse(pd.getUnit(), "a 'unit' declaration");
        for (ImportDescr i : pd.getImports()) {
            String t = i.getTarget();
            boolean ok = t.equals("lexgate.vocabulary.*")
                    || t.startsWith("lexgate.vocabulary.") && vocab.type(t.substring("lexgate.vocabulary.".length())) != null;
            if (!ok) problem(i.getLine(), i.getColumn(), "'import " + t + "' is not allowed: a rule file imports only lexgate.vocabulary.*");
        }
        pd.getFunctionImports().forEach(d -> refuse(d, "'import function'"));
        pd.getAccumulateImports().forEach(d -> refuse(d, "'import accumulate'"));
        pd.getGlobals().forEach(d -> refuse(d, "a 'global'"));
        pd.getFunctions().forEach(d -> refuse(d, "a 'function'"));
        pd.getTypeDeclarations().forEach(d -> refuse(d, "a 'declare' block"));
        pd.getEnumDeclarations().forEach(d -> refuse(d, "a 'declare enum' block"));
        pd.getEntryPointDeclarations().forEach(d -> refuse(d, "an entry point declaration"));
        pd.getWindowDeclarations().forEach(d -> refuse(d, "a window declaration"));
        for (AttributeDescr a : pd.getAttributes()) refuse(a, "the file-wide attribute '" + a.getName() + "'");
        for (RuleDescr r : pd.getRules()) checkRule(r);
    }

    private void refuse(BaseDescr d, String what) {
        problem(d.getLine(), d.getColumn() + 1, what + " is not allowed in a rule file: rules state conditions over the vocabulary and what follows from them");
    }

    private void checkRule(RuleDescr r) {
        if (r.isQuery() || r.getClass() != RuleDescr.class) {
            refuse(r, "a 'query'");
            return;
        }
        if (r.hasParent()) problem(r.getLine(), r.getColumn() + 1, "rule \"" + r.getName() + "\" extends another rule; rules may not inherit from each other");
        for (Map.Entry<String, AttributeDescr> e : r.getAttributes().entrySet()) {
            AttributeDescr a = e.getValue();
            if (e.getKey().equals("salience")) {
                if (!a.getValue().trim().matches("-?\\d{1,6}")) {
                    problem(a.getLine(), a.getColumn() + 1, "salience must be a whole number, not an expression");
                }
            } else {
                problem(a.getLine(), a.getColumn() + 1, "the rule attribute '" + e.getKey() + "' is not allowed (only salience)");
            }
        }
        for (String name : r.getAnnotationNames()) {
            AnnotationDescr ad = r.getAnnotation(name);
            int adLine = ad.getLine() > 0 ? ad.getLine() : RuleFileLint.metaLine(lines, r.getLine(), name);
            if (!METADATA.contains(name)) {
                String near = VocabularyIndex.nearest(name, METADATA);
                problem(adLine, ad.getColumn() + 1, "@" + name + " is not a metadata key rules know (" + String.join(", ", METADATA) + ")"
                        + (near == null ? "" : "; did you mean @" + near + "?"));
                continue;
            }
            Object v = ad.getValue();
            String raw = ad.getSingleValueAsString();
            if (!(v instanceof String) || raw == null || !(raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2)
                    || raw.substring(1, raw.length() - 1).contains("\"") || raw.contains("\\")) {
                problem(adLine, ad.getColumn() + 1, "@" + name + " must be one text in double quotes, e.g. @" + name + "(\"...\")");
            }
        }
        if (!r.getNamedConsequences().isEmpty()) refuse(r, "a named consequence (then[...])");
        Scope scope = new Scope(null);
        lhs(r.getLhs(), scope);
        consequence(r, scope);
    }

    // ---- conditions -------------------------------------------------------------------------

    private void lhs(BaseDescr d, Scope scope) {
        if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr) {
            for (BaseDescr c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) lhs(c, scope);
        } else if (d instanceof ForallDescr fa) {
            for (BaseDescr c : fa.getDescrs()) lhs(c, scope);
        } else if (d instanceof PatternDescr p) {
            pattern(p, scope);
        } else {
            String what = switch (d.getClass().getSimpleName()) {
                case "EvalDescr" -> "eval(...)";
                case "FromDescr" -> "'from'";
                case "CollectDescr" -> "'collect'";
                case "ConditionalBranchDescr" -> "if/else in conditions";
                case "NamedConsequenceDescr" -> "'do[...]' or 'break[...]'";
                case "EntryPointDescr" -> "'from entry-point'";
                default -> "this kind of condition (" + d.getClass().getSimpleName().replace("Descr", "") + ")";
            };
            problem(d.getLine(), d.getColumn() + 1, what + " is not allowed: write conditions as patterns over vocabulary facts");
        }
    }

    private void pattern(PatternDescr p, Scope outer) {
        int line = p.getLine(), col = p.getColumn() + 1;
        if (p.isQuery()) {
            problem(line, col, "calling a query is not allowed");
            return;
        }
        if (!p.getAnnotations().isEmpty()) problem(line, col, "annotations on a pattern (such as @watch) are not allowed");
        if (!p.getBehaviors().isEmpty()) problem(line, col, "windows ('over window:...') are not allowed");
        Class<?> type;
        String typeName = p.getObjectType();
        if (p.getSource() instanceof AccumulateDescr acc) {
            accumulate(acc, outer);
            if (!typeName.equals("Number") && !typeName.equals("Object") && !typeName.equals("java.lang.Number") && !typeName.equals("java.lang.Object")) {
                problem(line, col, "the result of accumulate is matched as Number(...) or bound in the accumulate itself, not as " + typeName);
                return;
            }
            type = Number.class;
        } else if (p.getSource() != null) {
            problem(p.getSource().getLine() > 0 ? p.getSource().getLine() : line, p.getSource().getLine() > 0 ? p.getSource().getColumn() + 1 : col,
                    "'from' is not allowed (other than 'from accumulate' with count, collectList or collectSet)");
            return;
        } else {
            type = vocab.type(typeName);
            if (type == null || !vocab.isPatternType(type)) {
                List<String> names = vocab.types().entrySet().stream().filter(e -> vocab.isPatternType(e.getValue())).map(Map.Entry::getKey).toList();
                String near = VocabularyIndex.nearest(typeName, names);
                problem(line, col, "'" + typeName + "' is not a fact type of the vocabulary" + (near != null ? "; did you mean " + near + "?" : " (" + String.join(", ", names) + ")"));
                return;
            }
        }
        if (p.getIdentifier() != null) outer.vars.put(p.getIdentifier(), type);
        Scope scope = outer.inside(type);
        for (BaseDescr c : p.getDescrs()) {
            if (!(c instanceof ExprConstraintDescr e)) {
                problem(c.getLine(), c.getColumn() + 1, "this kind of constraint is not allowed");
                continue;
            }
            if (e.getType() == ExprConstraintDescr.Type.POSITIONAL) {
                problem(e.getLine(), e.getColumn() + 1, "positional constraints are not allowed: name the property (code == \"...\")");
                continue;
            }
            constraint(e.getExpression(), e.getLine(), e.getColumn() + 1, scope);
        }
        outer.vars.putAll(scope.vars);
    }

    private void accumulate(AccumulateDescr acc, Scope scope) {
        int line = acc.getLine(), col = acc.getColumn() + 1;
        if (!acc.isExternalFunction() || acc.getInitCode() != null || acc.getActionCode() != null
                || acc.getResultCode() != null || acc.getReverseCode() != null) {
            problem(line, col, "accumulate with code (init/action/reverse/result) is not allowed: use count, collectList or collectSet");
            return;
        }
        if (acc.getInput() != null) lhs(acc.getInput(), scope);
        for (AccumulateDescr.AccumulateFunctionCallDescr fn : acc.getFunctions()) {
            Class<?> result = ACCUMULATE_FUNCTIONS.get(fn.getFunction());
            if (result == null) {
                problem(line, col, "the accumulate function '" + fn.getFunction() + "' is not allowed (count, collectList, collectSet)");
                continue;
            }
            for (String param : fn.getParams()) {
                if (!param.trim().matches("\\$?[A-Za-z_][A-Za-z0-9_]*|\\d+")) {
                    problem(line, col, "accumulate functions take a variable or a number, not '" + param.trim() + "'");
                } else if (param.trim().startsWith("$") && !scope.vars.containsKey(param.trim())) {
                    problem(line, col, "unknown variable " + param.trim());
                }
            }
            if (fn.getBind() != null) scope.vars.put(fn.getBind(), result);
        }
    }

    /** A constraint of a pattern, as Drools' expression parser splits it. */
    private void constraint(String text, int line, int col, Scope scope) {
        ConstraintConnectiveDescr root;
        synchronized (EXPR) {
            root = EXPR.parse(text);
            if (EXPR.hasErrors() || root == null) {
                problem(line, col, "cannot read the constraint '" + text.strip() + "'");
                return;
            }
        }
        connective(root, line, col, scope);
    }

    private void connective(BaseDescr d, int line, int col, Scope scope) {
        if (d instanceof ConstraintConnectiveDescr cc) {
            String c = cc.getConnective().toString();
            if (!c.equals("&&") && !c.equals("||") && !c.equals("AND") && !c.equals("OR")) {
                problem(line, col, "the operator '" + c + "' is not allowed: use && or ||");
            }
            for (BaseDescr x : cc.getDescrs()) connective(x, line, col, scope);
        } else if (d instanceof RelationalExprDescr r) {
            String op = r.getOperator();
            if (!OPERATORS.contains(op)) {
                problem(line, col, "the operator '" + op + "' is not allowed (==, !=, <, >, <=, >=, in, not in, contains, memberOf)");
                return;
            }
            if (r.getParameters() != null && !r.getParameters().isEmpty()) problem(line, col, "operators with parameters are not allowed");
            Typed left = side(r.getLeft(), line, col, scope);
            Typed right = side(r.getRight(), line, col, scope);
            if (op.equals("==") || op.equals("!=")) {
                checkCode(left, right, line, col);
                checkCode(right, left, line, col);
            }
            if (op.equals("contains") && right != null && right.literal() != null) checkCode(left, right, line, col);
        } else if (d instanceof AtomicExprDescr a) {
            atom(a.getExpression(), line, col, scope);
        } else if (d instanceof BindingDescr b) {
            binding(b, line, col, scope);
        } else {
            problem(line, col, "this constraint is not allowed");
        }
    }

    private Typed side(BaseDescr d, int line, int col, Scope scope) {
        if (d instanceof AtomicExprDescr a) return atom(a.getExpression(), line, col, scope);
        if (d instanceof BindingDescr b) return binding(b, line, col, scope);
        if (d instanceof ConstraintConnectiveDescr) {
            connective(d, line, col, scope);
            return null;
        }
        problem(line, col, "this constraint is not allowed");
        return null;
    }

    private Typed binding(BindingDescr b, int line, int col, Scope scope) {
        String var = b.getVariable();
        if (!var.matches("\\$?[A-Za-z_][A-Za-z0-9_]*")) problem(line, col, "'" + var + "' is not a variable name");
        if (b.isUnification()) problem(line, col, "unification (':=') is not allowed; bind with ':'");
        String expr = b.getExpression().strip();
        Typed t;
        if (expr.equals("this")) {
            t = new Typed(scope.pattern, null, null);
        } else {
            t = atom(expr, line, col, scope);
        }
        scope.vars.put(var, t == null || t.type() == null ? Object.class : t.type());
        return t;
    }

    private Typed atom(String text, int line, int col, Scope scope) {
        Expression e = parseExpression(text, line, col);
        if (e == null) return null;
        return new Checker(scope, line, col, false).type(e);
    }

    private Expression parseExpression(String text, int line, int col) {
        ParseResult<Expression> r = javaParser().parseExpression(text);
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            problem(line, col, "cannot read '" + text.strip() + "'" + (text.contains("'") ? ": write text in double quotes" : ""));
            return null;
        }
        return r.getResult().get();
    }

    private static JavaParser javaParser() {
        // A new parser per use: JavaParser instances are not thread-safe. Unicode escapes are already refused.
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setPreprocessUnicodeEscapes(true).setAttributeComments(false));
    }

    private void checkCode(Typed prop, Typed other, int line, int col) {
        if (prop == null || other == null || prop.codes() == null || other.literal() == null) return;
        checkCodeValue(prop.codes(), other.literal(), line, col);
    }

    private void checkCodeValue(CodeSet set, String value, int line, int col) {
        if (set == CodeSet.PERIOD) {
            try {
                Period.parse(value);
            } catch (RuntimeException e) {
                problem(line, col, "\"" + value + "\" is not a period such as P3D, P6M or P10Y (ISO 8601)");
            }
            return;
        }
        Collection<String> known = set.open() ? codes.apply(set) : set.codes();
        if (known == null || known.contains(value)) return;
        String near = VocabularyIndex.nearest(value, known);
        problem(line, col, "\"" + value + "\" is not a known " + describe(set)
                + (near != null ? "; did you mean \"" + near + "\"?" : known.size() <= 12 ? " (" + String.join(", ", known) + ")" : ""));
    }

    private static String describe(CodeSet s) {
        return switch (s) {
            case PURPOSE -> "purpose code (policies/purposes.yaml)";
            case DATA_CATEGORY -> "data category (policies/data-categories.yaml)";
            case SUBJECT_CATEGORY -> "subject category (policies/subject-categories.yaml)";
            case CHARACTERISTIC -> "characteristic (policies/characteristics.yaml)";
            case COUNTRY -> "country code (ISO 3166-1 alpha-2)";
            case LAYER -> "layer (EU or a layer of policies/jurisdictions.yaml)";
            default -> "value of " + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    // ---- consequences -----------------------------------------------------------------------

    private void consequence(RuleDescr r, Scope scope) {
        Object c = r.getConsequence();
        if (!(c instanceof String text)) {
            problem(r.getLine(), 1, "rule \"" + r.getName() + "\" has no consequence");
            return;
        }
        int base = consequenceStart(r.getConsequenceLine(), text);
        ParseResult<BlockStmt> parsed = javaParser().parseBlock("{" + text + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            problem(base, 1, "the consequence cannot be read: write one insertLogical(...) per line");
            return;
        }
        Scope conseq = scope.inside(null);
        for (Statement s : parsed.getResult().get().getStatements()) {
            int line = base + s.getBegin().map(p -> p.line - 1).orElse(0);
            int col = s.getBegin().map(p -> p.column).orElse(1);
            if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof MethodCallExpr call)
                    || call.getScope().isPresent() || !call.getNameAsString().equals("insertLogical") || call.getArguments().size() != 1) {
                problem(line, col, statementProblem(s));
                continue;
            }
            Expression arg = call.getArgument(0);
            Checker k = new Checker(conseq, line, col, true);
            Typed t = k.type(arg);
            boolean creates = arg instanceof ObjectCreationExpr
                    || arg instanceof MethodCallExpr m && m.getScope().map(x -> x.toString().equals("Finding")).orElse(false);
            if (t != null && !creates) {
                problem(line, col, "insertLogical(...) takes a Finding (Finding.deny(...), ...) or new Conclusion(...)");
            }
        }
    }

    /** The line the consequence's text starts on: the 'then' line or one after it (the parser trims the text). */
    private int consequenceStart(int thenLine, String text) {
        String head = text.strip();
        head = head.lines().findFirst().orElse("").strip();
        if (head.length() > 30) head = head.substring(0, 30);
        for (int i = Math.max(0, thenLine - 1); i < lines.length && !head.isEmpty(); i++) {
            if (lines[i].contains(head)) return i + 1;
        }
        return thenLine;
    }

    /** Why a statement is refused, in an author's words. */
    private static String statementProblem(Statement s) {
        String kind = s.getClass().getSimpleName();
        return switch (kind) {
            case "WhileStmt", "ForStmt", "ForEachStmt", "DoStmt" ->
                    "a loop is not allowed: a rule states a condition and what follows from it";
            case "IfStmt", "SwitchStmt" -> "'if' and 'switch' are not allowed in a consequence: write each case as a rule of its own";
            case "TryStmt", "ThrowStmt", "SynchronizedStmt", "ReturnStmt", "BreakStmt", "ContinueStmt", "LabeledStmt",
                 "YieldStmt", "LocalClassDeclarationStmt", "LocalRecordDeclarationStmt", "AssertStmt" ->
                    "'" + oneLine(s.toString()) + "' is not allowed in a consequence";
            default -> s instanceof ExpressionStmt es && es.getExpression().isVariableDeclarationExpr()
                    ? "variables are not allowed in a consequence: use the ones bound in the conditions ($x)"
                    : "a consequence may only insertLogical(...) findings and conclusions; '" + oneLine(s.toString()) + "' is not allowed"
                            + (s.toString().startsWith("insert(") ? "; write insertLogical(" + oneLine(s.toString()).substring("insert(".length()) : "");
        };
    }

    // ---- expressions (constraints and consequences) -----------------------------------------

    /** The variables a rule has bound so far and the fact type a constraint is about (null in a consequence). */
    private static final class Scope {
        final Class<?> pattern;
        final Map<String, Class<?>> vars;

        Scope(Class<?> pattern) {
            this(pattern, new HashMap<>());
        }

        private Scope(Class<?> pattern, Map<String, Class<?>> vars) {
            this.pattern = pattern;
            this.vars = vars;
        }

        Scope inside(Class<?> type) {
            return new Scope(type, vars);
        }
    }

    /** An expression's type, the code set it is drawn from (if a property has one) and its value if it is a text literal. */
    private record Typed(Class<?> type, CodeSet codes, String literal) {}

    /** A type-checking walk over one expression that accepts only the allow-listed forms. */
    private final class Checker {
        private final Scope scope;
        private final int line, col;
        private final boolean consequence;

        Checker(Scope scope, int line, int col, boolean consequence) {
            this.scope = scope;
            this.line = line;
            this.col = col;
            this.consequence = consequence;
        }

        private Typed fail(Node n, String message) {
            int l = line + n.getBegin().map(p -> p.line - 1).orElse(0);
            int c = n.getBegin().filter(p -> p.line > 1).map(p -> p.column).orElse(col + n.getBegin().map(p -> p.column - 1).orElse(0));
            problem(l, c, message);
            return null;
        }

        Typed type(Expression e) {
            if (e instanceof StringLiteralExpr s) {
                if (e.isTextBlockLiteralExpr()) return fail(e, "text blocks are not allowed");
                return new Typed(String.class, null, s.getValue());
            }
            if (e instanceof IntegerLiteralExpr) return new Typed(int.class, null, null);
            if (e instanceof LongLiteralExpr) return new Typed(long.class, null, null);
            if (e instanceof DoubleLiteralExpr) return new Typed(double.class, null, null);
            if (e instanceof BooleanLiteralExpr) return new Typed(boolean.class, null, null);
            if (e instanceof NullLiteralExpr) return new Typed(null, null, null);
            if (e.isCharLiteralExpr()) return fail(e, "write text in double quotes (\"...\"), not single quotes");
            if (e instanceof EnclosedExpr en) return type(en.getInner());
            if (e instanceof NameExpr n) return name(n);
            if (e instanceof FieldAccessExpr f) return field(f);
            if (e instanceof MethodCallExpr m) return call(m);
            if (e instanceof ObjectCreationExpr o) return create(o);
            if (e instanceof UnaryExpr u) return unary(u);
            if (e instanceof BinaryExpr b) return binary(b);
            if (e instanceof ThisExpr) {
                if (scope.pattern == null) return fail(e, "'this' is allowed only in conditions, as '$name : this'");
                return new Typed(scope.pattern, null, null);
            }
            return fail(e, describe(e) + " is not allowed in a rule file");
        }

        private String describe(Expression e) {
            String k = e.getClass().getSimpleName().replace("Expr", "");
            return switch (k) {
                case "Lambda" -> "a lambda (->)";
                case "MethodReference" -> "a method reference (::)";
                case "Cast" -> "a cast";
                case "InstanceOf" -> "'instanceof'";
                case "Conditional" -> "a conditional (? :)";
                case "ArrayAccess" -> "an index ([...])";
                case "ArrayCreation", "ArrayInitializer" -> "an array";
                case "Assign" -> "an assignment";
                case "Class" -> "'.class'";
                case "Super" -> "'super'";
                case "Switch" -> "a switch";
                default -> "'" + oneLine(e.toString()) + "'";
            };
        }

        private Typed name(NameExpr n) {
            String id = n.getNameAsString();
            if (scope.vars.containsKey(id)) return new Typed(scope.vars.get(id), null, null);
            if (id.startsWith("$")) return fail(n, "unknown variable " + id + ": bind it first ($x : property)");
            if (scope.pattern != null) {
                VocabularyIndex.Property p = propertyOf(scope.pattern, id);
                if (p != null) return new Typed(p.type(), p.codes(), null);
            }
            if (vocab.type(id) != null) return typeRef(n, id);
            if (Character.isUpperCase(id.charAt(0)) || n.getParentNode().filter(x -> x instanceof FieldAccessExpr || x instanceof MethodCallExpr).isPresent()
                    && !(scope.pattern != null && propertyOf(scope.pattern, id) != null)) {
                String near = VocabularyIndex.nearest(id, vocab.types().keySet());
                if (Character.isUpperCase(id.charAt(0)) || scope.pattern == null) {
                    return fail(n, "'" + id + "' is not part of the vocabulary: rule files may use only lexgate.vocabulary"
                            + (near != null ? " (did you mean " + near + "?)" : ""));
                }
            }
            if (scope.pattern == null) return fail(n, "unknown name '" + id + "': in a consequence use variables bound in the conditions ($x)");
            return unknownProperty(n, scope.pattern, id);
        }

        private Typed typeRef(Node n, String id) {
            return new Typed(TypeRef.class, null, id);
        }

        private VocabularyIndex.Property propertyOf(Class<?> type, String name) {
            if (type == Number.class) {
                return switch (name) {
                    case "intValue", "longValue" -> new VocabularyIndex.Property(name, method(Number.class, name), null);
                    default -> null;
                };
            }
            return vocab.property(type, name);
        }

        private Typed unknownProperty(Node n, Class<?> type, String id) {
            Set<String> names = type == Number.class ? Set.of("intValue", "longValue") : vocab.properties(type).keySet();
            // A request field written as the request names it (legalBasis.article): the rule's name for it.
            String written = id;
            for (Node up = n.getParentNode().orElse(null); up instanceof FieldAccessExpr fa; up = up.getParentNode().orElse(null)) {
                written = fa.toString();
            }
            String fromRequest = requestNamed(type, written);
            if (fromRequest != null) {
                return fail(n, "'" + written + "' is the request's name; in a rule, " + type.getSimpleName() + " calls it '"
                        + fromRequest + "': write " + fromRequest);
            }
            String near = VocabularyIndex.nearest(id, names);
            if (near != null) return fail(n, "'" + id + "' is not a property of " + type.getSimpleName() + "; did you mean '" + near + "'?");
            return fail(n, "'" + id + "' is not a property of " + type.getSimpleName()
                    + " (to compare with the text " + id + ", write it in quotes: \"" + id + "\"); its properties are "
                    + String.join(", ", names));
        }

        /** The property of the type that comes from the request field so written, or null. */
        private String requestNamed(Class<?> type, String requestField) {
            if (type == Number.class) return null;
            for (VocabularyIndex.Property p : vocab.properties(type).values()) {
                lexgate.vocabulary.Doc d = p.getter().getAnnotation(lexgate.vocabulary.Doc.class);
                if (d != null && !d.field().isEmpty() && (d.field().equals(requestField) || d.field().endsWith("." + requestField))) {
                    return p.name();
                }
            }
            return null;
        }

        private Typed field(FieldAccessExpr f) {
            // A vocabulary type written in full (lexgate.vocabulary.Tri), as Drools sometimes rewrites it.
            String written = f.toString();
            if (written.startsWith("lexgate.vocabulary.") && vocab.type(written.substring("lexgate.vocabulary.".length())) != null) {
                return typeRef(f, written.substring("lexgate.vocabulary.".length()));
            }
            Typed scopeType = type(f.getScope());
            if (scopeType == null) return null;
            String name = f.getNameAsString();
            if (scopeType.type() == TypeRef.class) {
                Class<?> t = vocab.type(scopeType.literal());
                if (t.isEnum() && vocab.enumConstants(t).contains(name)) return new Typed(t, null, null);
                String near = t.isEnum() ? VocabularyIndex.nearest(name, vocab.enumConstants(t)) : null;
                return fail(f, "'" + f + "' is not a value of the vocabulary" + (t.isEnum() ? " (" + String.join(", ", vocab.enumConstants(t)) + ")" : "")
                        + (near != null ? "; did you mean " + scopeType.literal() + "." + near + "?" : ""));
            }
            Class<?> t = scopeType.type();
            if (t == null || !(vocab.isVocabulary(t) || t == Number.class)) {
                return fail(f, "'" + f + "': only properties of vocabulary facts can be read");
            }
            VocabularyIndex.Property p = propertyOf(t, name);
            if (p == null) return unknownProperty(f, t, name);
            return new Typed(p.type(), p.codes(), null);
        }

        private Typed call(MethodCallExpr m) {
            String name = m.getNameAsString();
            if (name.equals("eval")) return fail(m, "eval(...) is not allowed: write the condition as a constraint of a pattern");
            if (m.getTypeArguments().isPresent()) return fail(m, "type arguments are not allowed");
            Class<?> target;
            boolean statics;
            if (m.getScope().isEmpty()) {
                if (scope.pattern == null) return fail(m, "'" + name + "(...)' is not a function rules may call");
                target = scope.pattern;
                statics = false;
            } else {
                Typed s = type(m.getScope().get());
                if (s == null) return null;
                statics = s.type() == TypeRef.class;
                target = statics ? vocab.type(s.literal()) : s.type();
            }
            if (target == null || !(vocab.isVocabulary(target) || target == Number.class)) {
                return fail(m, "'" + name + "(...)' cannot be called here: rules call only the vocabulary's methods");
            }
            List<Method> candidates = new ArrayList<>();
            for (Method x : vocab.methods(target, name)) if (Modifier.isStatic(x.getModifiers()) == statics) candidates.add(x);
            if (!statics && candidates.isEmpty()) {
                for (VocabularyIndex.Property p : vocab.properties(target).values()) if (p.getter().getName().equals(name)) candidates.add(p.getter());
            }
            if (candidates.isEmpty()) {
                Set<String> names = new LinkedHashSet<>();
                vocab.methods(target).forEach((k, v) -> {
                    if (v.stream().anyMatch(x -> Modifier.isStatic(x.getModifiers()) == statics)) names.add(k);
                });
                String near = VocabularyIndex.nearest(name, names);
                return fail(m, "'" + name + "(...)' is not a method rules may call on " + target.getSimpleName()
                        + (near != null ? "; did you mean '" + near + "'?" : names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
            }
            Method chosen = null;
            for (Method x : candidates) if (x.getParameterCount() == m.getArguments().size()) chosen = x;
            if (chosen == null) return fail(m, "'" + name + "' takes " + candidates.get(0).getParameterCount() + " value(s), not " + m.getArguments().size());
            arguments(chosen, m.getArguments());
            if (consequence && chosen.getDeclaringClass() == lexgate.vocabulary.Finding.class) checkFindingArguments(m, chosen);
            return new Typed(chosen.getReturnType(), null, null);
        }

        private void checkFindingArguments(MethodCallExpr m, Method chosen) {
            if (chosen.getName().equals("obligation")) {
                Expression action = m.getArgument(0);
                if (!(action instanceof StringLiteralExpr s) || !s.getValue().matches("[a-z][a-z0-9-]*")) {
                    fail(action, "an obligation's action is a fixed kebab-case code in double quotes, e.g. \"honour-objection\"");
                }
            }
            if (chosen.getName().equals("missing")) {
                Expression field = m.getArgument(0);
                if (!(field instanceof StringLiteralExpr) && !(field instanceof MethodCallExpr)) {
                    fail(field, "a missing fact names the request field in double quotes, e.g. \"dpia.done\"");
                }
            }
        }

        private Typed create(ObjectCreationExpr o) {
            if (!consequence) return fail(o, "'new' is allowed only in a consequence");
            if (o.getAnonymousClassBody().isPresent()) return fail(o, "an anonymous class is not allowed");
            if (o.getScope().isPresent()) return fail(o, "'new' must name a vocabulary type directly");
            String t = o.getType().getNameWithScope();
            Class<?> c = vocab.type(t);
            if (c == null || vocab.constructors(c).isEmpty()) {
                return fail(o, "'new " + t + "(...)' is not allowed: a rule may create only " + String.join(", ",
                        vocab.types().entrySet().stream().filter(e -> !vocab.constructors(e.getValue()).isEmpty()).map(Map.Entry::getKey).toList()));
            }
            Constructor<?> chosen = null;
            for (Constructor<?> k : vocab.constructors(c)) if (k.getParameterCount() == o.getArguments().size()) chosen = k;
            if (chosen == null) return fail(o, "'new " + t + "' does not take " + o.getArguments().size() + " value(s)");
            arguments(chosen, o.getArguments());
            return new Typed(c, null, null);
        }

        private void arguments(Executable target, List<Expression> args) {
            Parameter[] params = target.getParameters();
            for (int i = 0; i < args.size(); i++) {
                Typed t = type(args.get(i));
                if (t == null) continue;
                Codes codes = params[i].getAnnotation(Codes.class);
                if (codes != null && t.literal() != null && t.type() == String.class) {
                    int l = line + args.get(i).getBegin().map(p -> p.line - 1).orElse(0);
                    checkCodeValue(codes.value(), t.literal(), l, col);
                }
            }
        }

        private Typed unary(UnaryExpr u) {
            Typed t = type(u.getExpression());
            return switch (u.getOperator()) {
                case LOGICAL_COMPLEMENT -> new Typed(boolean.class, null, null);
                case MINUS, PLUS -> t;
                default -> fail(u, "the operator '" + u.getOperator().asString() + "' is not allowed");
            };
        }

        private Typed binary(BinaryExpr b) {
            Typed l = type(b.getLeft());
            Typed r = type(b.getRight());
            switch (b.getOperator()) {
                case OR, AND, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS:
                    return new Typed(boolean.class, null, null);
                case EQUALS, NOT_EQUALS:
                    checkCode(l, r, line, col);
                    checkCode(r, l, line, col);
                    return new Typed(boolean.class, null, null);
                case PLUS:
                    if (l != null && l.type() == String.class || r != null && r.type() == String.class) return new Typed(String.class, null, null);
                    return l;
                case MINUS:
                    return l;
                default:
                    return fail(b, "the operator '" + b.getOperator().asString() + "' is not allowed");
            }
        }
    }

    /** Marks a name that refers to a vocabulary type itself (Tri, Finding, Conclusions), not to a value. */
    private static final class TypeRef {}

    private static Method method(Class<?> c, String name) {
        try {
            return c.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
