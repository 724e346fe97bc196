package lexgate.rules;

import lexgate.policy.PolicyException;
import lexgate.policy.PolicyLoader;
import lexgate.policy.PolicySet;
import lexgate.vocabulary.CodeSet;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.io.DescrResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a {@link Ruleset} from a rules directory and a policies directory, at run time: reads the
 * files, computes the digest, loads the policies, lints the rule files, and compiles them with
 * Drools using the application's class loader. Any problem rejects the whole ruleset.
 */
public final class RulesetCompiler {
    /** The file in the rules directory that holds the human version label. */
    public static final String VERSION_FILE = "VERSION";
    /**
     * Whether every rule must quote its provisions and have French and German explanations (the
     * lint of issue 20); the texts that exist are always checked.
     */
    static final boolean LAW_TEXT_REQUIRED = true;

    /** The longest version label a decision record holds. */
    public static final int MAX_VERSION = 128;

    private RulesetCompiler() {}

    /** Reads the rule and policy files that make a ruleset, with paths "rules/..." and "policies/...", sorted. */
    public static List<SourceFile> readFiles(Path rulesDir, Path policiesDir) {
        List<SourceFile> files = new ArrayList<>();
        files.addAll(read(rulesDir, "rules/", p -> p.endsWith(".drl") || p.equals(VERSION_FILE) || RuleTexts.isTextFile(p)));
        files.addAll(read(policiesDir, "policies/", p -> p.endsWith(".yaml") || p.endsWith(".yml")));
        files.sort(java.util.Comparator.comparing(SourceFile::path));
        return files;
    }

    private static List<SourceFile> read(Path dir, String prefix, java.util.function.Predicate<String> keep) {
        if (!Files.isDirectory(dir)) {
            throw new RulesetException(List.of(prefix + ":0: directory " + dir.toAbsolutePath() + " does not exist"));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<SourceFile> out = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (keep.test(rel)) out.add(new SourceFile(prefix + rel, Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha256 digest over the sorted relative paths and contents of the files, as "sha256:hex". */
    public static String digest(List<SourceFile> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.stream().sorted(java.util.Comparator.comparing(SourceFile::path)).forEach(f -> {
                md.update(f.path().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.content().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EU and the national layers of policies/jurisdictions.yaml: what a @jurisdiction may name. */
    static Set<String> layers(PolicySet policies) {
        Set<String> layers = new java.util.TreeSet<>();
        layers.add("EU");
        policies.jurisdictions().forEach(j -> layers.add(j.getCode()));
        return layers;
    }

    /** The values of each open code set, from the policies (closed sets carry their own). */
    static Function<CodeSet, Collection<String>> codeLookup(PolicySet policies) {
        Set<String> layers = new java.util.TreeSet<>();
        layers.add("EU");
        policies.jurisdictions().forEach(j -> layers.add(j.getCode()));
        Set<String> countries = Set.of(java.util.Locale.getISOCountries());
        return set -> switch (set) {
            case PURPOSE -> policies.purposes().keySet();
            case DATA_CATEGORY -> policies.dataCategoryKinds().keySet();
            case SUBJECT_CATEGORY -> policies.subjectCategories();
            case CHARACTERISTIC -> policies.characteristics();
            case COUNTRY -> countries;
            case LAYER -> layers;
            default -> set.codes();
        };
    }

    /** Compiles the ruleset in the two directories; throws {@link RulesetException} listing every problem. */
    public static Ruleset compile(Path rulesDir, Path policiesDir) {
        return compile(readFiles(rulesDir, policiesDir));
    }

    /**
     * Compiles a ruleset from file contents alone ("rules/..." and "policies/..." paths), so that a
     * stored ruleset is rebuilt exactly as it was.
     */
    public static Ruleset compile(List<SourceFile> files) {
        return compile(files, Walls.ALL);
    }

    /**
     * The three walls between rule files and the service. Production always uses {@link #ALL}; tests
     * switch one off to show that each of the others still stops what slipped past it.
     */
    public record Walls(boolean allowList, boolean classLoader, boolean compiledCheck) {
        /** Every wall: the only setting the service and the CLI use. */
        public static final Walls ALL = new Walls(true, true, true);
    }

    /** Compiles with the given walls (tests only pass anything but {@link Walls#ALL}). */
    static Ruleset compile(List<SourceFile> files, Walls walls) {
        PolicySet policies;
        try {
            Map<String, String> policyFiles = new java.util.TreeMap<>();
            for (SourceFile f : files) {
                if (f.path().startsWith("policies/")) policyFiles.put(f.path().substring("policies/".length()), f.content());
            }
            policies = PolicyLoader.load(policyFiles);
        } catch (PolicyException e) {
            throw new RulesetException(e.problems().stream().map(p -> "policies/" + p).toList());
        }
        List<SourceFile> drl = files.stream().filter(f -> f.path().endsWith(".drl")).toList();
        String version = files.stream().filter(f -> f.path().equals("rules/" + VERSION_FILE)).findFirst()
                .map(f -> f.content().trim()).orElse("unversioned");
        if (drl.isEmpty()) throw new RulesetException(List.of("rules/:0: no .drl rule files found"));
        // Every decision records the version (VARCHAR(128)): a label that cannot be stored would make
        // every decision of this ruleset fail at commit, so it is refused here, before it serves.
        if (version.isEmpty() || version.length() > MAX_VERSION || version.contains("\n")) {
            throw new RulesetException(List.of("rules/" + VERSION_FILE + ":1: the version label must be one line of 1 to "
                    + MAX_VERSION + " characters, got " + version.length() + " characters"
                    + (version.contains("\n") ? " on several lines" : "")));
        }

        Function<CodeSet, Collection<String>> codes = codeLookup(policies);
        // First wall: the allow-list, on each file as Drools' parser reads it. Every problem of every
        // file is reported at once; nothing is compiled unless all pass.
        List<String> problems = new ArrayList<>();
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        for (SourceFile f : drl) {
            RuleAllowList.Checked c = walls.allowList() ? RuleAllowList.check(f, codes) : RuleAllowList.parseOnly(f);
            problems.addAll(c.problems());
            if (c.descr() != null) parsed.put(f.path(), c.descr());
        }
        Map<String, String> contents = new HashMap<>();
        drl.forEach(f -> contents.put(f.path(), f.content()));
        RuleFileLint.Result lint = RuleFileLint.lint(parsed, contents, policies.citations().keySet(), layers(policies));
        problems.addAll(lint.problems());
        if (!problems.isEmpty()) throw new RulesetException(problems);

        String digest = digest(files);
        // Each finding's place and values are attached to the checked consequence (for answers in
        // other languages): the rewrite only adds calls to Finding, and the second wall sees its result.
        Map<String, List<Explanations.Template>> templates = new HashMap<>();
        for (PackageDescr pd : parsed.values()) {
            for (org.drools.drl.ast.descr.RuleDescr rd : pd.getRules()) {
                Explanations.Rewritten rw = Explanations.rewrite(rd);
                rd.setConsequence(rw.consequence());
                templates.put(pd.getName() + "." + rd.getName(), rw.findings());
            }
        }
        // What is compiled is exactly what was checked: the parsed packages, not the text again.
        ClassLoader loader = walls.classLoader() ? RuleClassLoader.forRules() : RulesetCompiler.class.getClassLoader();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader));
        for (Map.Entry<String, PackageDescr> e : parsed.entrySet()) {
            DescrResource resource = new DescrResource(e.getValue());
            resource.setSourcePath(e.getKey());
            builder.add(resource, ResourceType.DESCR);
        }
        List<String> errors = new ArrayList<>();
        for (KnowledgeBuilderError m : builder.getErrors()) {
            String src = m.getResource() == null || m.getResource().getSourcePath() == null ? "rules/" : m.getResource().getSourcePath();
            int line = m.getLines() == null || m.getLines().length == 0 ? 0 : m.getLines()[0];
            errors.add(src + ":" + Math.max(line, 0) + ": " + m.getMessage().replaceAll("\\s+", " ").trim());
        }
        if (!errors.isEmpty()) throw new RulesetException(errors.stream().sorted().toList());
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(conf);
        kieBase.addPackages(builder.getKnowledgePackages());

        Map<String, RuleMeta> metas = new HashMap<>();
        Map<String, String> packages = new HashMap<>();
        Map<String, String> ruleLines = new HashMap<>();
        RuleTexts.Loaded texts = RuleTexts.load(files);
        for (RuleFileLint.Declared d : lint.rules()) {
            String id = d.meta().get("id");
            Map<String, List<String>> translations = new HashMap<>();
            texts.translations().forEach((lang, byId) -> {
                if (byId.containsKey(id)) translations.put(lang, byId.get(id));
            });
            metas.put(d.packageName() + "." + d.name(), new RuleMeta(id, d.name(), d.packageName(),
                    d.file(), d.line(), RuleFileLint.citations(d.meta().get("cite")), d.meta().get("jurisdiction"),
                    LocalDate.parse(d.meta().get("inForce")),
                    d.meta().containsKey("until") ? LocalDate.parse(d.meta().get("until")) : null,
                    texts.quotes().getOrDefault(id, List.of()),
                    templates.getOrDefault(d.packageName() + "." + d.name(), List.of()), Map.copyOf(translations),
                    d.meta().get("noFine")));
            packages.putIfAbsent(d.packageName(), d.file());
            ruleLines.put(d.packageName() + "." + d.name(), d.file() + ":" + d.line());
        }
        parsed.forEach((file, pd) -> packages.putIfAbsent(pd.getName(), file));
        Map<String, RuleMeta> byId = new java.util.TreeMap<>();
        metas.values().forEach(m -> byId.put(m.id(), m));
        // Second wall: what Drools compiled, read back (generated classes' constant pools, compiled conditions);
        // reported first, with the texts' problems after it, all in one go.
        List<String> compiled = new ArrayList<>(walls.compiledCheck() ? CompiledRulesCheck.check(kieBase, packages, ruleLines, codes) : List.of());
        // Texts are required of every ruleset that can serve (all walls up); the texts present are always checked.
        compiled.addAll(RuleTexts.check(texts, byId, LAW_TEXT_REQUIRED && walls.equals(Walls.ALL)));
        if (!compiled.isEmpty()) throw new RulesetException(compiled);
        List<String> unknown = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!metas.containsKey(p.getName() + "." + r.getName())) {
                    unknown.add("rules/:0: rule \"" + r.getName() + "\" in package " + p.getName()
                            + " was compiled but its declaration was not recognised by the linter");
                }
            }
        }
        if (!unknown.isEmpty()) throw new RulesetException(unknown);
        return new Ruleset(version, digest, Instant.now(), kieBase, policies, Map.copyOf(metas), List.copyOf(files));
    }
}
