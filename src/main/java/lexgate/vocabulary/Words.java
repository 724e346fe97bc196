package lexgate.vocabulary;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A short text one rule passes to another's explanation (a {@link Conclusion}'s detail: "Art.
 * 35(3)(b)", "a collective agreement"), written by the rule in the three languages of the answer.
 * A finding's own sentences are translated in the rule file's {@code .messages.fr.yaml} and
 * {@code .messages.de.yaml}; a detail is not a sentence of the rule that shows it but a value it
 * splices in, made by another rule, so it carries its words with it. It reads as its English in the
 * rule's English explanation ({@link #toString()}), and in French or German in a translated one
 * ({@link #in(String)}). Two details are the same when their English is.
 */
@Doc("A short text in English, French and German that one rule passes to another's explanation (a conclusion's detail).")
public final class Words implements Localised {
    private final String en, fr, de;

    private Words(String en, String fr, String de) {
        this.en = Objects.requireNonNull(en, "en");
        this.fr = Objects.requireNonNull(fr, "fr");
        this.de = Objects.requireNonNull(de, "de");
    }

    /** The text in English, French and German. */
    @Doc("The text in English, French and German, e.g. Words.of(\"a collective agreement\", \"une convention collective\", \"eine Kollektivvereinbarung\").")
    @RuleApi
    public static Words of(String en, String fr, String de) {
        return new Words(en, fr, de);
    }

    /** A text that reads the same in every language (a code, or a detail given in one language only). */
    static Words same(String text) {
        return new Words(text, text, text);
    }

    /** A value as words: itself when it is one, else its text in every language. */
    static Words from(Object value) {
        return value instanceof Words w ? w : same(String.valueOf(value));
    }

    /**
     * The distinct values, ordered by their English and joined with "; " (" ; " in French) in each language, so that an
     * explanation reads the same whatever order the rules fired in, and in the same order in every
     * language.
     */
    static Words joined(Collection<?> values) {
        List<Words> all = values.stream().map(Words::from).distinct().sorted(Comparator.comparing(w -> w.en)).toList();
        return new Words(join(all, "en"), join(all, "fr"), join(all, "de"));
    }

    private static String join(List<Words> all, String lang) {
        // French typography puts a space before a semicolon, as the rules' French texts do.
        return all.stream().map(w -> w.in(lang)).collect(Collectors.joining("fr".equals(lang) ? " ; " : "; "));
    }

    /** The English, as a rule's English explanation reads it. */
    @Override
    public String toString() {
        return en;
    }

    @Override
    public String in(String lang) {
        if ("fr".equals(lang)) return fr;
        if ("de".equals(lang)) return de;
        return en;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Words w && w.en.equals(en);
    }

    @Override
    public int hashCode() {
        return en.hashCode();
    }
}
