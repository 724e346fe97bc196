package lexgate.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The class loader rules are compiled and run with: the application's, seen through a filter that
 * lets through only what rules and the Drools runtime need (the vocabulary, Drools, MVEL, and the
 * harmless parts of {@code java.lang}, {@code java.util}, {@code java.time}, {@code java.math}). The
 * rest of the service (storage, keys, HTTP, CDI, configuration), files, processes, the network,
 * threads, reflection and the environment cannot be named by compiled rule code: a reference to
 * them fails to compile, or to link. A third wall behind {@link RuleAllowList} and
 * {@link CompiledRulesCheck}, so that a rule file is isolated from the service even if both missed
 * something.
 */
public final class RuleClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final List<String> ALLOWED_PREFIXES = List.of("lexgate.vocabulary.", "org.drools.", "org.kie.",
            "org.mvel2.", "java.util.", "java.time.", "java.math.", "java.lang.");

    /** Parts of the allowed packages that reach outside the rules: processes, threads, class loading, reflection, I/O. */
    private static final List<String> DENIED_PREFIXES = List.of("java.lang.reflect.", "java.lang.invoke.",
            "java.lang.management.", "java.lang.instrument.", "java.lang.module.", "java.lang.ref.",
            "java.util.concurrent.", "java.util.logging.", "java.util.prefs.", "java.util.jar.", "java.util.zip.",
            "java.util.spi.", "java.util.random.", "java.lang.constant.");

    private static final Set<String> DENIED = Set.of("java.lang.System", "java.lang.Runtime", "java.lang.Runtime$Version",
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle", "java.lang.Thread",
            "java.lang.ThreadGroup", "java.lang.ThreadLocal", "java.lang.InheritableThreadLocal", "java.lang.ClassLoader",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.SecurityManager", "java.lang.StackWalker",
            "java.lang.Package", "java.lang.ScopedValue", "java.util.ServiceLoader", "java.util.Scanner",
            "java.util.Properties", "java.util.Timer", "java.util.ResourceBundle", "lexgate.vocabulary.Operation$Builder");

    /** String concatenation compiles to these; nothing else of java.lang.invoke is reachable. */
    private static final Set<String> CONCAT = Set.of("java.lang.invoke.StringConcatFactory", "java.lang.invoke.MethodHandles",
            "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "java.lang.invoke.MethodHandle");

    private static final RuleClassLoader INSTANCE = new RuleClassLoader(RuleClassLoader.class.getClassLoader());

    private final ClassLoader app;

    private RuleClassLoader(ClassLoader app) {
        super("lexgate-rules", null);
        this.app = app;
    }

    /** The loader to compile and run rules with. */
    public static ClassLoader forRules() {
        return INSTANCE;
    }

    /** True when rule code may load the class (a binary name, e.g. "java.util.List"). */
    static boolean allowed(String name) {
        String n = name;
        while (n.startsWith("[")) n = n.substring(1);
        if (n.startsWith("L") && n.endsWith(";")) n = n.substring(1, n.length() - 1);
        if (n.length() == 1) return true; // a primitive array
        if (CONCAT.contains(n)) return true;
        if (DENIED.contains(n)) return false;
        for (String p : DENIED_PREFIXES) if (n.startsWith(p)) return false;
        for (String p : ALLOWED_PREFIXES) if (n.startsWith(p)) return true;
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!allowed(name)) throw new ClassNotFoundException(name + " is not available to rules");
        return app.loadClass(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    private static boolean resourceAllowed(String resource) {
        if (!resource.endsWith(".class")) return true; // configuration Drools reads (META-INF/kie.conf, ...), not code
        return allowed(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
    }

    @Override
    public URL getResource(String name) {
        return resourceAllowed(name) ? app.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return resourceAllowed(name) ? app.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return resourceAllowed(name) ? app.getResourceAsStream(name) : null;
    }
}
