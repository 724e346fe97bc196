package lexgate.vocabulary;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * A period as a person writes it ("18 months", "1 year and 6 months"), in the language of the
 * answer. A rule splices it into its English explanation, where it reads as English
 * ({@link #toString()}); the same value, carried into a French or German explanation, reads
 * "18 mois" or "18 Monate" ({@link #in(String)}), not the English words. Years, months and days
 * only: the periods of {@code policies/retention.yaml} are written in those units.
 */
public final class PeriodInWords implements Localised {
    private final Period period;

    private PeriodInWords(Period period) {
        this.period = period;
    }

    /** The words for an ISO-8601 period such as {@code P18M}. */
    public static PeriodInWords of(String iso8601) {
        return new PeriodInWords(Period.parse(iso8601));
    }

    /** The period in English, as a rule's explanation reads it. */
    @Override
    public String toString() {
        return in("en");
    }

    @Override
    public String in(String lang) {
        // French writes the singular below two ("0 jour", "1 an"); English and German only for one.
        Unit[] units = switch (lang == null ? "en" : lang) {
            case "fr" -> new Unit[] {new Unit("an", "ans", 2), new Unit("mois", "mois", 2), new Unit("jour", "jours", 2)};
            case "de" -> new Unit[] {new Unit("Jahr", "Jahre", 1), new Unit("Monat", "Monate", 1), new Unit("Tag", "Tage", 1)};
            default -> new Unit[] {new Unit("year", "years", 1), new Unit("month", "months", 1), new Unit("day", "days", 1)};
        };
        String and = switch (lang == null ? "en" : lang) {
            case "fr" -> " et ";
            case "de" -> " und ";
            default -> " and ";
        };
        int[] counts = {period.getYears(), period.getMonths(), period.getDays()};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (counts[i] != 0) parts.add(units[i].count(counts[i]));
        }
        if (parts.isEmpty()) return units[2].count(0);
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodInWords w && w.period.equals(period);
    }

    @Override
    public int hashCode() {
        return period.hashCode();
    }

    /** A unit's singular and plural, and up to which count (exclusive) the singular is written. */
    private record Unit(String one, String many, int pluralFrom) {
        String count(int n) {
            boolean singular = pluralFrom == 1 ? Math.abs(n) == 1 : Math.abs(n) < pluralFrom;
            return n + " " + (singular ? one : many);
        }
    }
}
