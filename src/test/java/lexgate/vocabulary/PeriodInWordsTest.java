package lexgate.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The periods of policies/retention.yaml as a reader of each language writes them. */
class PeriodInWordsTest {
    @Test
    void englishFrenchAndGerman() {
        record Row(String iso, String en, String fr, String de) {}
        for (Row r : List.of(
                new Row("P1M", "1 month", "1 mois", "1 Monat"),
                new Row("P18M", "18 months", "18 mois", "18 Monate"),
                new Row("P3D", "3 days", "3 jours", "3 Tage"),
                new Row("P1D", "1 day", "1 jour", "1 Tag"),
                new Row("P1Y", "1 year", "1 an", "1 Jahr"),
                new Row("P10Y", "10 years", "10 ans", "10 Jahre"),
                new Row("P1Y6M", "1 year and 6 months", "1 an et 6 mois", "1 Jahr und 6 Monate"),
                new Row("P2Y1M3D", "2 years, 1 month and 3 days", "2 ans, 1 mois et 3 jours", "2 Jahre, 1 Monat und 3 Tage"),
                new Row("P0D", "0 days", "0 jour", "0 Tage"))) {
            PeriodInWords w = PeriodInWords.of(r.iso());
            assertEquals(r.en(), w.toString(), r.iso());
            assertEquals(r.en(), w.in("en"), r.iso());
            assertEquals(r.fr(), w.in("fr"), r.iso());
            assertEquals(r.de(), w.in("de"), r.iso());
            assertEquals(r.en(), w.in("it"), "a language without words falls back to English");
        }
    }

    @Test
    void aTranslatedExplanationTakesTheValueInItsLanguage() {
        String fr = lexgate.rules.Explanations.fill("Conserver {0} jours dépasse la durée maximale de {1} ; « {2} ».",
                List.of(45, PeriodInWords.of("P1M"), "video-surveillance"), "fr");
        assertEquals("Conserver 45 jours dépasse la durée maximale de 1 mois ; « video-surveillance ».", fr);
    }
}
