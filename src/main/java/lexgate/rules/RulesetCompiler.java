package lexgate.rules;

import lexgate.policy.PolicyException;
import lexgate.policy.PolicyLoader;
import lexgate.policy.PolicySet;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Builds a {@link Ruleset} from a rules directory and a policies directory, at run time: reads the
 * files, computes the digest, loads the policies, lints the rule files, and compiles them with
 * Drools using the application's class loader. Any problem rejects the whole ruleset.
 */
public final class RulesetCompiler {
    /** The file in the rules directory that holds the human version label. */
    public static final String VERSION_FILE = "VERSION";
    /** The longest version label a decision record holds. */
    public static final int MAX_VERSION = 128;
    private static final AtomicLong BUILDS = new AtomicLong();

    private RulesetCompiler() {}

    /** Reads the rule and policy files that make a ruleset, with paths "rules/..." and "policies/...", sorted. */
    public static List<SourceFile> readFiles(Path rulesDir, Path policiesDir) {
        List<SourceFile> files = new ArrayList<>();
        files.addAll(read(rulesDir, "rules/", p -> p.endsWith(".drl") || p.equals(VERSION_FILE)));
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

    /** Compiles the ruleset in the two directories; throws {@link RulesetException} listing every problem. */
    public static Ruleset compile(Path rulesDir, Path policiesDir) {
        return compile(readFiles(rulesDir, policiesDir));
    }

    /**
     * Compiles a ruleset from file contents alone ("rules/..." and "policies/..." paths), so that a
     * stored ruleset is rebuilt exactly as it was.
     */
    public static Ruleset compile(List<SourceFile> files) {
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

        RuleFileLint.Result lint = RuleFileLint.lint(drl, policies.citations().keySet());
        if (!lint.problems().isEmpty()) throw new RulesetException(lint.problems());

        String digest = digest(files);
        KieServices ks = KieServices.Factory.get();
        ClassLoader cl = RulesetCompiler.class.getClassLoader();
        ReleaseId releaseId = ks.newReleaseId("lexgate", "rules",
                "1.0." + BUILDS.incrementAndGet() + "-" + digest.substring(7, 19));
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> kfsToSource = new HashMap<>();
        for (SourceFile f : drl) {
            String pkg = RuleFileLint.packageOf(f.content());
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            String target = "src/main/resources/" + pkg.replace('.', '/') + "/" + name;
            if (kfsToSource.containsKey(target)) target = target.replace(".drl", "-" + kfsToSource.size() + ".drl");
            kfsToSource.put(target, f.path());
            kfsToSource.put(target.substring("src/main/resources/".length()), f.path());
            kfs.write(target, f.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs, cl).buildAll();
        List<String> errors = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String src = m.getPath() == null ? "rules/" : kfsToSource.getOrDefault(m.getPath(), m.getPath());
            errors.add(src + ":" + Math.max(m.getLine(), 0) + ": " + m.getText().replaceAll("\\s+", " ").trim());
        }
        if (!errors.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RulesetException(errors.stream().sorted().toList());
        }
        KieContainer container = ks.newKieContainer(releaseId, cl);
        var kieBase = container.getKieBase();
        // The compiled module lives on in the KieBase; the repository copy is not needed again.
        ks.getRepository().removeKieModule(releaseId);

        Map<String, RuleMeta> metas = new HashMap<>();
        for (RuleFileLint.Declared d : lint.rules()) {
            metas.put(d.packageName() + "." + d.name(), new RuleMeta(d.meta().get("id"), d.name(), d.packageName(),
                    d.file(), d.line(), RuleFileLint.citations(d.meta().get("cite")), d.meta().get("jurisdiction"),
                    LocalDate.parse(d.meta().get("inForce")),
                    d.meta().containsKey("until") ? LocalDate.parse(d.meta().get("until")) : null));
        }
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
