package lexgate.api;

import lexgate.rules.RuleTexts;

import java.util.List;
import java.util.Locale;

/**
 * Picks the language of an answer from {@code Accept-Language} with the JDK's RFC 4647 matching
 * ({@link Locale.LanguageRange#parse}, {@link Locale#lookupTag}): English, French or German, English
 * when none fits or the header cannot be read.
 */
public final class Languages {
    private Languages() {}

    /** "fr-FR,fr;q=0.9,en;q=0.8" gives "fr"; "es" gives "en". */
    public static String pick(String header) {
        if (header == null || header.isBlank()) return "en";
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            // Lookup falls back from "fr-FR" to "fr"; "*" alone matches nothing, so English.
            String tag = Locale.lookupTag(ranges, RuleTexts.LANGUAGES);
            return tag == null ? "en" : tag.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "en"; // a malformed header is not worth refusing an answer for
        }
    }
}
