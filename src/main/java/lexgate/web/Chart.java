package lexgate.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The overview's bar chart as inline SVG, drawn on the server: one group of three bars (ALLOW, DENY, REVIEW) per day. */
final class Chart {
    private Chart() {}

    /** The decisions of one day by outcome. */
    record Day(LocalDate day, long allow, long deny, long review) {}

    static final String[][] SERIES = {{"ALLOW", "#1b7f3b"}, {"DENY", "#b42318"}, {"REVIEW", "#9a6700"}};

    /** The chart; bars carry their numbers as titles, and the table below it in the page gives the same numbers. */
    static String svg(List<Day> days) {
        int w = 900, h = 240, left = 44, bottom = 34, top = 12;
        long max = 1;
        for (Day d : days) max = Math.max(max, Math.max(d.allow(), Math.max(d.deny(), d.review())));
        long step = niceStep(max);
        long ceiling = ((max + step - 1) / step) * step;
        double plotH = h - bottom - top;
        double group = (w - left - 8) / (double) Math.max(1, days.size());
        double bar = Math.max(2, (group - 8) / 3);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"chart-title\">Decisions per day and outcome</title>");
        for (long v = 0; v <= ceiling; v += step) {
            double y = top + plotH - plotH * v / ceiling;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, w - 4, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%d</text>", left - 6, y + 4, v));
        }
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            long[] values = {d.allow(), d.deny(), d.review()};
            double x0 = left + 4 + i * group;
            for (int k = 0; k < 3; k++) {
                double bh = plotH * values[k] / ceiling;
                s.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                        x0 + k * bar, top + plotH - bh, bar - 1, bh, SERIES[k][1], d.day(), SERIES[k][0], values[k]));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                    x0 + 1.5 * bar, h - bottom + 16, d.day().getDayOfMonth() + "." + d.day().getMonthValue() + "."));
        }
        s.append("</svg>");
        return s.toString();
    }

    private static long niceStep(long max) {
        long[] steps = {1, 2, 5};
        long mag = 1;
        while (true) {
            for (long st : steps) if (max / (st * mag) <= 5) return st * mag;
            mag *= 10;
        }
    }
}
