package lexgate.rules;

import lexgate.vocabulary.CodeSet;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ObjectType;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.Accumulator;
import org.drools.base.rule.constraint.Constraint;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.mvel.MVELConstraint;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The second wall: checks what Drools compiled from the rule files, after the first wall
 * ({@link RuleAllowList}) has passed them. A rule that slipped past the first wall stops here.
 *
 * <ul>
 *   <li>Every class Drools generated from the rule files (consequences and their invokers,
 *       accumulate expressions) is read with ASM, and every entry of its constant pool must refer to
 *       an allowed class or member: the vocabulary, the rule's own generated classes, a few
 *       {@code java.lang} types (strings, boxed numbers) and the members of the Drools runtime that
 *       generated code needs. Any other class, a lambda or method handle other than string
 *       concatenation's, refuses the ruleset.</li>
 *   <li>Every compiled rule is walked: its conditions may only be patterns over vocabulary facts (or
 *       {@code Number} from an accumulate with {@code count}, {@code collectList} or
 *       {@code collectSet}) joined by and/or/not/exists/forall; every constraint is read again, as
 *       Drools compiled it, through the first wall's expression check; the rule has no timer,
 *       calendars, dynamic salience, enabled expression, dates or named consequences, and is in
 *       the Java dialect.</li>
 * </ul>
 */
public final class CompiledRulesCheck {
    /** java.lang types generated code may name, and the members it may use on them (empty set: the type only). */
    private static final Map<String, Set<String>> JDK = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of("<init>", "getClass")),
            Map.entry("java/lang/String", Set.of("valueOf", "equals")),
            Map.entry("java/lang/StringBuilder", Set.of("<init>", "append", "toString")),
            Map.entry("java/lang/Boolean", Set.of("TRUE", "FALSE", "valueOf", "booleanValue")),
            Map.entry("java/lang/Integer", Set.of("valueOf", "intValue")),
            Map.entry("java/lang/Long", Set.of("valueOf", "longValue")),
            Map.entry("java/lang/Double", Set.of("valueOf", "doubleValue")),
            Map.entry("java/lang/Number", Set.of("intValue", "longValue")),
            Map.entry("java/lang/Exception", Set.of()),
            Map.entry("java/lang/Throwable", Set.of()),
            Map.entry("java/util/List", Set.of()),
            Map.entry("java/util/Set", Set.of()),
            Map.entry("java/util/Collection", Set.of()),
            // String concatenation compiles to invokedynamic with this bootstrap method, and nothing else.
            Map.entry("java/lang/invoke/StringConcatFactory", Set.of("makeConcatWithConstants")),
            Map.entry("java/lang/invoke/MethodHandles", Set.of()),
            Map.entry("java/lang/invoke/MethodHandles$Lookup", Set.of()));

    /** The members of the Drools runtime that code generated for allowed rules uses. */
    private static final Map<String, Set<String>> DROOLS = Map.ofEntries(
            Map.entry("org/drools/core/rule/consequence/KnowledgeHelper", Set.of("insertLogical", "getWorkingMemory")),
            Map.entry("org/drools/core/WorkingMemory", Set.of("getFactHandle")),
            Map.entry("org/drools/base/rule/consequence/Consequence", Set.of("evaluate")),
            Map.entry("org/drools/base/rule/consequence/ConsequenceContext", Set.of("getTuple", "getRequiredDeclarations")),
            Map.entry("org/drools/mvel/asm/ConsequenceStub", Set.of()),
            Map.entry("org/drools/mvel/asm/ConsequenceGenerator", Set.of("generate")),
            Map.entry("org/drools/mvel/asm/MethodComparator", Set.of("getMethodBytecode", "compareBytecode")),
            Map.entry("org/drools/base/rule/accessor/CompiledInvoker", Set.of("getMethodBytecode")),
            Map.entry("org/drools/base/rule/accessor/ReturnValueExpression", Set.of()),
            Map.entry("org/drools/base/rule/Declaration", Set.of("getValue", "getWholeNumberValue", "getIntValue",
                    "getLongValue", "getBooleanValue", "getDecimalValue", "getDoubleValue", "getFloatValue",
                    "getShortValue", "getByteValue", "getCharValue")),
            Map.entry("org/drools/core/reteoo/Tuple", Set.of("get")),
            Map.entry("org/drools/base/reteoo/BaseTuple", Set.of("get")),
            Map.entry("org/drools/base/base/ValueResolver", Set.of()),
            Map.entry("org/kie/api/runtime/rule/FactHandle", Set.of("getObject")),
            Map.entry("org/drools/core/common/InternalFactHandle", Set.of("getObject")),
            Map.entry("org/drools/mvel/field/FieldFactory", Set.of("getInstance", "getFieldValue")),
            Map.entry("org/drools/base/rule/accessor/FieldValue", Set.of()));

    /** Types that may appear in a generated method's signature without being used. */
    private static final Set<String> SIGNATURE_ONLY = Set.of("java/lang/Class", "java/lang/invoke/MethodType",
            "java/lang/invoke/CallSite", "org/drools/base/reteoo/BaseTuple", "org/drools/base/base/ValueResolver",
            "org/kie/api/runtime/rule/FactHandle", "java/lang/String", "java/lang/Object");

    /** The accumulate functions a rule may use (see {@link RuleAllowList#ACCUMULATE_FUNCTIONS}). */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of(
            "org.drools.core.base.accumulators.CountAccumulateFunction",
            "org.drools.core.base.accumulators.CollectListAccumulateFunction",
            "org.drools.core.base.accumulators.CollectSetAccumulateFunction");

    private final VocabularyIndex vocab = VocabularyIndex.INSTANCE;
    private final Function<CodeSet, Collection<String>> codes;
    private final Map<String, String> fileByPackage;
    private final List<String> problems = new ArrayList<>();

    private CompiledRulesCheck(Function<CodeSet, Collection<String>> codes, Map<String, String> fileByPackage) {
        this.codes = codes;
        this.fileByPackage = fileByPackage;
    }

    /**
     * Every problem with what was compiled, as {@code file:line: message}; {@code rulePackages} maps
     * each package the rule files declare to a file of it (for the message), and {@code ruleLines}
     * gives each rule's declaration (package + "." + name) as "file:line".
     */
    public static List<String> check(KieBase kieBase, Map<String, String> rulePackages, Map<String, String> ruleLines,
                                     Function<CodeSet, Collection<String>> codes) {
        CompiledRulesCheck c = new CompiledRulesCheck(codes, rulePackages);
        for (KiePackage p : kieBase.getKiePackages()) {
            boolean ours = rulePackages.containsKey(p.getName());
            if (p instanceof InternalKnowledgePackage ip) c.classes(ip, ours);
            for (Rule r : p.getRules()) {
                String where = ruleLines.getOrDefault(p.getName() + "." + r.getName(), rulePackages.getOrDefault(p.getName(), "rules/") + ":0");
                if (!ours) c.problems.add(where + ": compiled a rule in package " + p.getName() + ", which no rule file declares");
                c.rule((RuleImpl) r, where);
            }
        }
        return List.copyOf(c.problems);
    }

    // ---- generated classes ------------------------------------------------------------------

    private void classes(InternalKnowledgePackage p, boolean ours) {
        Object data = p.getDialectRuntimeRegistry().getDialectData("java");
        if (!(data instanceof JavaDialectRuntimeData java)) return;
        String where = fileByPackage.getOrDefault(p.getName(), "rules/") + ":0";
        for (Map.Entry<String, byte[]> e : java.getStore().entrySet()) {
            if (!e.getKey().endsWith(".class")) continue;
            if (!ours) {
                problems.add(where + ": code was compiled into package " + p.getName() + ", which no rule file declares");
                continue;
            }
            String internalPackage = p.getName().replace('.', '/') + "/";
            for (String ref : references(e.getValue(), internalPackage)) {
                problems.add(where + ": the compiled rules refer to " + ref + ", which rule files may not use");
            }
        }
    }

    /** What the class refers to outside the allow-list, read from its constant pool; empty when all is allowed. */
    static List<String> references(byte[] bytes, String ownPackage) {
        List<String> bad = new ArrayList<>();
        ClassReader cr;
        try {
            cr = new ClassReader(bytes);
        } catch (RuntimeException e) {
            return List.of("a class file that cannot be read");
        }
        char[] buf = new char[cr.getMaxStringLength() + 1];
        for (int i = 1; i < cr.getItemCount(); i++) {
            int offset = cr.getItem(i);
            if (offset == 0) continue; // the second slot of a long or double
            int tag = cr.readByte(offset - 1);
            switch (tag) {
                case 7 -> { // Class
                    String name = cr.readUTF8(offset, buf);
                    if (!classAllowed(elementType(name), ownPackage)) bad.add(name.replace('/', '.'));
                }
                case 9, 10, 11 -> { // Fieldref, Methodref, InterfaceMethodref
                    String owner = cr.readClass(offset, buf);
                    int nat = cr.getItem(cr.readUnsignedShort(offset + 2));
                    String member = cr.readUTF8(nat, buf);
                    String descriptor = cr.readUTF8(nat + 2, buf);
                    if (!memberAllowed(owner, member, ownPackage)) bad.add(owner.replace('/', '.') + "." + member);
                    for (String t : descriptorTypes(descriptor)) {
                        if (!classAllowed(t, ownPackage) && !SIGNATURE_ONLY.contains(t)) bad.add(t.replace('/', '.'));
                    }
                }
                case 15 -> { // MethodHandle: only string concatenation's bootstrap method
                    int ref = cr.getItem(cr.readUnsignedShort(offset + 1));
                    String owner = cr.readClass(ref, buf);
                    int nat = cr.getItem(cr.readUnsignedShort(ref + 2));
                    String member = cr.readUTF8(nat, buf);
                    if (!(owner.equals("java/lang/invoke/StringConcatFactory") && member.equals("makeConcatWithConstants"))) {
                        bad.add("a method handle to " + owner.replace('/', '.') + "." + member + " (lambdas and method references are not allowed)");
                    }
                }
                case 16 -> { // MethodType
                    for (String t : descriptorTypes(cr.readUTF8(offset, buf))) {
                        if (!classAllowed(t, ownPackage) && !SIGNATURE_ONLY.contains(t)) bad.add(t.replace('/', '.'));
                    }
                }
                case 17 -> bad.add("a dynamic constant");
                case 18 -> { // InvokeDynamic: the name must be string concatenation's
                    int nat = cr.getItem(cr.readUnsignedShort(offset + 2));
                    String name = cr.readUTF8(nat, buf);
                    if (!name.equals("makeConcatWithConstants")) bad.add("an invokedynamic call '" + name + "' (lambdas are not allowed)");
                }
                case 19, 20 -> bad.add("a module or package reference");
                default -> { /* Utf8, Integer, Float, Long, Double, String, NameAndType: data, not references */ }
            }
        }
        return bad.stream().distinct().toList();
    }

    private static String elementType(String internalName) {
        if (!internalName.startsWith("[")) return internalName;
        Type t = Type.getType(internalName).getElementType();
        return t.getSort() == Type.OBJECT ? t.getInternalName() : "int";
    }

    private static List<String> descriptorTypes(String descriptor) {
        List<String> out = new ArrayList<>();
        try {
            Type t = Type.getType(descriptor);
            if (t.getSort() == Type.METHOD) {
                for (Type a : t.getArgumentTypes()) add(out, a);
                add(out, t.getReturnType());
            } else {
                add(out, t);
            }
        } catch (RuntimeException e) {
            out.add("an unreadable descriptor");
        }
        return out;
    }

    private static void add(List<String> out, Type t) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (e.getSort() == Type.OBJECT) out.add(e.getInternalName());
    }

    private static boolean classAllowed(String internalName, String ownPackage) {
        if (internalName.equals("int")) return true; // a primitive array
        if (isOwn(internalName, ownPackage) || isVocabulary(internalName)) return true;
        return JDK.containsKey(internalName) || DROOLS.containsKey(internalName);
    }

    private static boolean memberAllowed(String owner, String member, String ownPackage) {
        if (isOwn(owner, ownPackage) || isVocabulary(owner)) return true;
        Set<String> jdk = JDK.get(owner);
        if (jdk != null) return jdk.contains(member);
        Set<String> drools = DROOLS.get(owner);
        return drools != null && drools.contains(member);
    }

    /** A class Drools generated for this package's rules: Rule_..., its invokers, never a nested package. */
    private static boolean isOwn(String internalName, String ownPackage) {
        return internalName.startsWith(ownPackage) && internalName.indexOf('/', ownPackage.length()) < 0
                && internalName.substring(ownPackage.length()).startsWith("Rule_");
    }

    private static boolean isVocabulary(String internalName) {
        if (!internalName.startsWith("lexgate/vocabulary/")) return false;
        String simple = internalName.substring("lexgate/vocabulary/".length());
        int nested = simple.indexOf('$');
        Class<?> c = VocabularyIndex.INSTANCE.type(nested < 0 ? simple : simple.substring(0, nested));
        // Nested types of the vocabulary (Finding$Effect) belong to it; Operation$Builder is not for rules.
        return c != null && (nested < 0 || !simple.endsWith("$Builder"));
    }

    // ---- compiled rules ---------------------------------------------------------------------

    private void rule(RuleImpl r, String where) {
        String name = "rule \"" + r.getName() + "\"";
        if (!"java".equals(r.getDialect())) problems.add(where + ": " + name + " is compiled in the " + r.getDialect() + " dialect; only the default is allowed");
        if (r.getTimer() != null) problems.add(where + ": " + name + " has a timer");
        if (r.hasCalendars()) problems.add(where + ": " + name + " uses calendars");
        if (r.isSalienceDynamic()) problems.add(where + ": " + name + " has a salience computed at run time");
        if (r.getEnabled() != null && !r.getEnabled().getClass().getSimpleName().equals("EnabledBoolean")) {
            problems.add(where + ": " + name + " has an 'enabled' expression");
        }
        if (r.getDateEffective() != null || r.getDateExpires() != null) {
            problems.add(where + ": " + name + " uses date-effective or date-expires (use @inForce and @until)");
        }
        if (r.hasNamedConsequences()) problems.add(where + ": " + name + " has named consequences");
        if (!r.isMainAgendaGroup() || r.getActivationGroup() != null && !r.getActivationGroup().isEmpty()
                || r.getRuleFlowGroup() != null && !r.getRuleFlowGroup().isEmpty() || r.getAutoFocus()) {
            problems.add(where + ": " + name + " uses agenda, activation or rule-flow groups");
        }
        if (r.getParent() != null) problems.add(where + ": " + name + " extends another rule");
        Map<String, Class<?>> declared = new HashMap<>();
        for (Map.Entry<String, Declaration> d : r.getDeclarations().entrySet()) {
            declared.put(d.getKey(), d.getValue().getDeclarationClass());
        }
        declarations(r.getLhs(), declared);
        element(r.getLhs(), where, name, declared);
    }

    /** Every variable bound anywhere in the conditions (also inside not, exists and accumulate), with its type. */
    private static void declarations(RuleConditionElement e, Map<String, Class<?>> out) {
        if (e == null) return;
        for (Map.Entry<String, Declaration> d : e.getInnerDeclarations().entrySet()) {
            out.putIfAbsent(d.getKey(), d.getValue().getDeclarationClass());
        }
        for (RuleConditionElement c : e.getNestedElements()) declarations(c, out);
        if (e instanceof Pattern p && p.getSource() instanceof Accumulate a) declarations(a, out);
    }

    private void element(RuleConditionElement e, String where, String name, Map<String, Class<?>> declared) {
        if (e instanceof GroupElement g) {
            for (RuleConditionElement c : g.getChildren()) element(c, where, name, declared);
        } else if (e instanceof Pattern p) {
            pattern(p, where, name, declared);
        } else if (e != null && e.getClass().getSimpleName().equals("Forall")) {
            for (RuleConditionElement c : e.getNestedElements()) element(c, where, name, declared);
        } else if (e != null) {
            problems.add(where + ": " + name + " compiled a condition of kind " + e.getClass().getSimpleName() + ", which rule files may not use");
        }
    }

    private void pattern(Pattern p, String where, String name, Map<String, Class<?>> declared) {
        ObjectType ot = p.getObjectType();
        Class<?> type = ot instanceof ClassObjectType cot ? cot.getClassType() : null;
        boolean fromAccumulate = p.getSource() instanceof Accumulate;
        if (p.getSource() != null && !fromAccumulate) {
            problems.add(where + ": " + name + " takes facts from a " + p.getSource().getClass().getSimpleName() + ", which rule files may not use");
            return;
        }
        if (fromAccumulate) {
            accumulate((Accumulate) p.getSource(), where, name, declared);
            if (type != Number.class && type != Object.class) {
                problems.add(where + ": " + name + " matches an accumulate's result as " + (type == null ? ot : type.getName()));
                return;
            }
            type = Number.class;
        } else if (type == null || !vocab.isPatternType(type)) {
            problems.add(where + ": " + name + " matches " + (type == null ? ot : type.getName()) + ", which is not a fact type of the vocabulary");
            return;
        }
        if (p.hasXPath()) problems.add(where + ": " + name + " uses an XPath (OOPath) constraint");
        if (!p.getBehaviors().isEmpty()) problems.add(where + ": " + name + " uses a window");
        for (Constraint c : p.getConstraints()) {
            if (c instanceof MVELConstraint mc) {
                for (String problem : RuleAllowList.checkCompiledConstraint(where, type, mc.getExpression(), declared, codes)) {
                    problems.add(problem + " (as compiled in " + name + ")");
                }
            } else {
                problems.add(where + ": " + name + " compiled a constraint of kind " + c.getClass().getSimpleName() + ", which rule files may not use");
            }
        }
    }

    private void accumulate(Accumulate a, String where, String name, Map<String, Class<?>> declared) {
        for (Accumulator acc : a.getAccumulators()) {
            String function = accumulateFunction(acc);
            if (function == null || !ACCUMULATE_FUNCTIONS.contains(function)) {
                problems.add(where + ": " + name + " accumulates with " + (function == null ? acc.getClass().getName() : function)
                        + "; only count, collectList and collectSet are allowed");
            }
        }
        element(a.getSource(), where, name, declared);
    }

    /** The class of the accumulate function an accumulator runs, or null when it runs code of its own. */
    private static String accumulateFunction(Accumulator acc) {
        String cls = acc.getClass().getName();
        if (!cls.equals("org.drools.core.base.accumulators.JavaAccumulatorFunctionExecutor")
                && !cls.equals("org.drools.mvel.expr.MVELAccumulatorFunctionExecutor")) return null;
        try {
            java.lang.reflect.Field f = acc.getClass().getDeclaredField("function");
            f.setAccessible(true);
            Object fn = f.get(acc);
            return fn == null ? null : fn.getClass().getName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
