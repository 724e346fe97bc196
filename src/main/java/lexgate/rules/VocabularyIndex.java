package lexgate.rules;

import lexgate.vocabulary.CodeSet;
import lexgate.vocabulary.Codes;
import lexgate.vocabulary.RuleApi;
import lexgate.vocabulary.Vocabulary;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What rule files may name, read from the vocabulary classes themselves (so it cannot drift from
 * them): the types a pattern may match, each type's properties (its public getters), the methods
 * and constructors marked {@link RuleApi}, the enum constants, and the code set of each text
 * property or parameter ({@link Codes}).
 */
public final class VocabularyIndex {
    /** The index of {@link Vocabulary#all()}. */
    public static final VocabularyIndex INSTANCE = new VocabularyIndex();

    /** A property of a fact type: its name in rules, its getter and the code set its values come from, if any. */
    public record Property(String name, Method getter, CodeSet codes) {
        /** The Java type of the property. */
        public Class<?> type() { return getter.getReturnType(); }
    }

    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private final Set<Class<?>> patternTypes;
    private final Map<Class<?>, Map<String, Property>> properties = new LinkedHashMap<>();
    private final Map<Class<?>, Map<String, List<Method>>> methods = new LinkedHashMap<>();
    private final Map<Class<?>, List<Constructor<?>>> constructors = new LinkedHashMap<>();

    private VocabularyIndex() {
        for (Class<?> c : Vocabulary.all()) {
            types.put(c.getSimpleName(), c);
            Map<String, Property> props = new TreeMap<>();
            Map<String, List<Method>> calls = new TreeMap<>();
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Enum.class) continue;
                boolean isStatic = Modifier.isStatic(m.getModifiers());
                String property = isStatic || m.getParameterCount() > 0 ? null : propertyName(m);
                if (property != null) {
                    Codes codes = m.getAnnotation(Codes.class);
                    props.put(property, new Property(property, m, codes == null ? null : codes.value()));
                }
                if (m.isAnnotationPresent(RuleApi.class)) calls.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
            properties.put(c, props);
            methods.put(c, calls);
            List<Constructor<?>> cs = new ArrayList<>();
            for (Constructor<?> k : c.getConstructors()) if (k.isAnnotationPresent(RuleApi.class)) cs.add(k);
            constructors.put(c, cs);
        }
        patternTypes = Set.copyOf(Vocabulary.patternTypes());
    }

    /** "getPurpose" gives "purpose", "isEea" gives "eea" (boolean getters only); null for any other name. */
    static String propertyName(Method m) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class) return decapitalise(n.substring(3));
        if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) return decapitalise(n.substring(2));
        return null;
    }

    private static String decapitalise(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The vocabulary type with this simple name, or null. */
    public Class<?> type(String simpleName) {
        return types.get(simpleName);
    }

    /** Every vocabulary type by simple name. */
    public Map<String, Class<?>> types() {
        return types;
    }

    /** True when rules may match facts of this type. */
    public boolean isPatternType(Class<?> c) {
        return patternTypes.contains(c);
    }

    /** True for a type of the vocabulary. */
    public boolean isVocabulary(Class<?> c) {
        return c != null && types.get(c.getSimpleName()) == c;
    }

    /** The type's properties by name (empty for a type outside the vocabulary). */
    public Map<String, Property> properties(Class<?> c) {
        return properties.getOrDefault(c, Map.of());
    }

    /** The property, or null. */
    public Property property(Class<?> c, String name) {
        return properties(c).get(name);
    }

    /** The {@link RuleApi} methods of the type with this name (static or not). */
    public List<Method> methods(Class<?> c, String name) {
        return methods.getOrDefault(c, Map.of()).getOrDefault(name, List.of());
    }

    /** Every {@link RuleApi} method of the type, by name. */
    public Map<String, List<Method>> methods(Class<?> c) {
        return methods.getOrDefault(c, Map.of());
    }

    /** The {@link RuleApi} constructors of the type. */
    public List<Constructor<?>> constructors(Class<?> c) {
        return constructors.getOrDefault(c, List.of());
    }

    /** The names of the enum's constants, or an empty list. */
    public List<String> enumConstants(Class<?> c) {
        if (!c.isEnum()) return List.of();
        List<String> out = new ArrayList<>();
        for (Object o : c.getEnumConstants()) out.add(((Enum<?>) o).name());
        return out;
    }

    /** The candidate closest to {@code wrong}, or null (see {@link lexgate.policy.Suggest}). */
    public static String nearest(String wrong, Collection<String> candidates) {
        return lexgate.policy.Suggest.nearest(wrong, candidates);
    }
}
