package lexgate.api;

import java.util.Locale;

/** Picks the language of an answer from {@code Accept-Language}: English, French or German; English when none fits. */
public final class Languages {
    private Languages() {}

    /** "fr-FR,fr;q=0.9,en;q=0.8" gives "fr"; "es" gives "en". */
    public static String pick(String header) {
        if (header == null || header.isBlank()) return "en";
        String best = "en";
        double bestQ = -1;
        for (String part : header.split(",")) {
            String[] p = part.trim().split(";");
            String tag = p[0].trim().toLowerCase(Locale.ROOT);
            String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
            double q = 1.0;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if ((primary.equals("en") || primary.equals("fr") || primary.equals("de")) && q > bestQ && q > 0) {
                best = primary;
                bestQ = q;
            }
        }
        return best;
    }
}
