package lexgate.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A conclusion's detail in the three languages, and the joined details of several conclusions. */
class WordsTest {
    static final Words B = Words.of("Art. 35(3)(b)", "art. 35.3.b du RGPD", "Art. 35 Abs. 3 lit. b DSGVO");
    static final Words LIST = Words.of("CNIL list 2018-327: x", "liste de la CNIL : x", "Liste der CNIL: x");

    @Test
    void readsAsEnglishInARulesOwnTextAndInTheAnswersLanguageWhenTranslated() {
        assertEquals("Art. 35(3)(b)", B.toString());
        assertEquals("art. 35.3.b du RGPD", B.in("fr"));
        assertEquals("Art. 35 Abs. 3 lit. b DSGVO", B.in("de"));
        assertEquals("Art. 35(3)(b)", B.in("it"), "a language we do not have reads English");
    }

    @Test
    void detailsAreDistinctAndInTheOrderOfTheirEnglishInEveryLanguage() {
        // Firing order must not matter, and French follows the English order, not its own alphabet.
        Words a = Conclusions.details(List.of(LIST, B, LIST));
        Words b = Conclusions.details(List.of(B, LIST));
        assertEquals(a, b);
        assertEquals("Art. 35(3)(b); CNIL list 2018-327: x", a.toString());
        assertEquals("art. 35.3.b du RGPD ; liste de la CNIL : x", a.in("fr"));
        assertEquals("Art. 35 Abs. 3 lit. b DSGVO; Liste der CNIL: x", a.in("de"));
    }

    @Test
    void aPlainDetailReadsTheSameInEveryLanguageAndConclusionsCompareByTheirEnglish() {
        Conclusion plain = new Conclusion("consent-invalid", "freelyGiven");
        assertEquals("freelyGiven", plain.getDetail());
        assertEquals("freelyGiven", plain.getWords().in("de"));
        assertEquals(new Conclusion("dpia-required", B), new Conclusion("dpia-required", "Art. 35(3)(b)"));
        assertNotEquals(new Conclusion("dpia-required", B), new Conclusion("dpia-required", LIST));
        assertEquals("", new Conclusion("x").getDetail());
    }
}
