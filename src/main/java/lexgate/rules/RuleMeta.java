package lexgate.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The metadata a rule file gives each rule ({@code @id}, {@code @cite}, {@code @jurisdiction},
 * {@code @inForce}, {@code @until}, {@code @noFine}: why a DENY of the rule is not fined under GDPR Art. 83) with where the rule stands, the provisions it quotes, its
 * explanations' English templates and their translations (see {@link RuleTexts}, {@link Explanations}).
 */
public record RuleMeta(String id, String title, String packageName, String file, int line,
                       List<String> citations, String jurisdiction, LocalDate inForce, LocalDate until,
                       List<RuleTexts.Quote> quotes, List<Explanations.Template> templates,
                       Map<String, List<String>> translations, String noFine) {

    /** A rule without a {@code @noFine} note. */
    public RuleMeta(String id, String title, String packageName, String file, int line,
                    List<String> citations, String jurisdiction, LocalDate inForce, LocalDate until,
                    List<RuleTexts.Quote> quotes, List<Explanations.Template> templates,
                    Map<String, List<String>> translations) {
        this(id, title, packageName, file, line, citations, jurisdiction, inForce, until, quotes, templates, translations, null);
    }

    /** True when the rule can conclude DENY (one of its findings is a {@code Finding.deny}). */
    public boolean canDeny() {
        return templates.stream().anyMatch(t -> t.kind().equals("deny"));
    }

    /** A rule without texts (tests). */
    public RuleMeta(String id, String title, String packageName, String file, int line, List<String> citations,
                    String jurisdiction, LocalDate inForce, LocalDate until) {
        this(id, title, packageName, file, line, citations, jurisdiction, inForce, until, List.of(), List.of(), Map.of());
    }

    /** True when the rule is in force on the day: from {@code inForce} inclusive to {@code until} exclusive. */
    public boolean inForceOn(LocalDate day) {
        return (inForce == null || !day.isBefore(inForce)) && (until == null || day.isBefore(until));
    }

    /**
     * The explanation of the rule's n-th finding in the language, with its values; the English one
     * (as the rule made it) when there is no translation.
     */
    public String explanation(String lang, int index, List<Object> args, String english) {
        if (lang == null || lang.equals("en")) return english;
        List<String> t = translations.get(lang);
        if (t == null || index >= t.size()) return english;
        return Explanations.fill(t.get(index), args, lang);
    }
}
