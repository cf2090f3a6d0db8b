package dev.outreach.inbox;

import dev.outreach.events.ReplyReading;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.IsoFields;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a "not now" asks us to come back. A day the reply names is read as out-of-office return
 * dates are ({@link ReplyReading#latestDate}); what that rule leaves alone because an absence
 * never says it is read here: a month alone ("in September", "im Oktober": its first day), a
 * quarter ("next quarter", "Q3"), "in 3 months" / "in 6 weeks", "next year", "after the summer".
 * Works on text already lower case and without accents.
 */
final class LaterDates {

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("january", Month.JANUARY), Map.entry("januar", Month.JANUARY), Map.entry("janvier", Month.JANUARY),
            Map.entry("enero", Month.JANUARY), Map.entry("januari", Month.JANUARY), Map.entry("janeiro", Month.JANUARY),
            Map.entry("february", Month.FEBRUARY), Map.entry("februar", Month.FEBRUARY), Map.entry("fevrier", Month.FEBRUARY),
            Map.entry("febrero", Month.FEBRUARY), Map.entry("februari", Month.FEBRUARY), Map.entry("fevereiro", Month.FEBRUARY),
            Map.entry("march", Month.MARCH), Map.entry("marz", Month.MARCH), Map.entry("mars", Month.MARCH),
            Map.entry("marzo", Month.MARCH), Map.entry("maart", Month.MARCH), Map.entry("marco", Month.MARCH),
            Map.entry("april", Month.APRIL), Map.entry("avril", Month.APRIL), Map.entry("abril", Month.APRIL),
            Map.entry("may", Month.MAY), Map.entry("mai", Month.MAY), Map.entry("mayo", Month.MAY), Map.entry("mei", Month.MAY),
            Map.entry("maio", Month.MAY), Map.entry("june", Month.JUNE), Map.entry("juni", Month.JUNE),
            Map.entry("juin", Month.JUNE), Map.entry("junio", Month.JUNE), Map.entry("junho", Month.JUNE),
            Map.entry("july", Month.JULY), Map.entry("juli", Month.JULY), Map.entry("juillet", Month.JULY),
            Map.entry("julio", Month.JULY), Map.entry("julho", Month.JULY), Map.entry("august", Month.AUGUST),
            Map.entry("aout", Month.AUGUST), Map.entry("agosto", Month.AUGUST), Map.entry("augustus", Month.AUGUST),
            Map.entry("september", Month.SEPTEMBER), Map.entry("septembre", Month.SEPTEMBER),
            Map.entry("septiembre", Month.SEPTEMBER), Map.entry("setembro", Month.SEPTEMBER),
            Map.entry("october", Month.OCTOBER), Map.entry("oktober", Month.OCTOBER), Map.entry("octobre", Month.OCTOBER),
            Map.entry("octubre", Month.OCTOBER), Map.entry("outubro", Month.OCTOBER), Map.entry("november", Month.NOVEMBER),
            Map.entry("novembre", Month.NOVEMBER), Map.entry("noviembre", Month.NOVEMBER), Map.entry("novembro", Month.NOVEMBER),
            Map.entry("december", Month.DECEMBER), Map.entry("dezember", Month.DECEMBER), Map.entry("decembre", Month.DECEMBER),
            Map.entry("diciembre", Month.DECEMBER), Map.entry("dezembro", Month.DECEMBER));
    private static final Pattern MONTH_ALONE = Pattern.compile(
            "\\b(?:in|im|en|em|after|nach|apres|despues de|na|from|ab|a partir de|vanaf|until|bis|tot|hasta|ate|before|vor|avant|antes de|voor)"
                    + "\\s+(?:(?:early|late|mid|anfang|ende|mitte|debut|fin|principios de|finales de|begin|eind|inicio de|final de)\\s+)?"
                    + "(\\p{L}{3,10})\\b(?!\\s*\\d)");
    private static final Pattern QUARTER = Pattern.compile("\\bq([1-4])\\b|\\b([1-4])(?:st|nd|rd|th|\\.)?\\s*(?:quarter|quartal|trimestre|kwartaal)");
    private static final Pattern NEXT_QUARTER = Pattern.compile(
            "next quarter|nachsten quartal|nachstes quartal|trimestre prochain|prochain trimestre|proximo trimestre|volgend kwartaal");
    private static final Pattern IN_UNITS = Pattern.compile(
            "\\b(?:in|im|dans|en|em|over|en unos|daqui a|uber)\\s+(\\d{1,2}|a few|a couple of|ein paar|quelques|unos|algunos|een paar|alguns|two|three|six|zwei|drei|sechs|deux|trois|six|dos|tres|seis|twee|drie|zes)"
                    + "\\s+(weeks?|wochen|semaines|semanas|weken|months?|monaten|mois|meses|maanden)\\b");
    private static final Pattern NEXT_YEAR = Pattern.compile(
            "next year|nachstes jahr|nachsten jahr|l'annee prochaine|annee prochaine|el proximo ano|el ano que viene|volgend jaar|proximo ano|ano que vem");
    private static final Pattern AFTER_SUMMER = Pattern.compile(
            "after (?:the )?summer|nach (?:dem|den) sommer(?:ferien)?|apres l'ete|a la rentree|despues del verano|na de zomer|depois do verao");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("a few", 3), Map.entry("a couple of", 2),
            Map.entry("ein paar", 3), Map.entry("quelques", 3), Map.entry("unos", 3), Map.entry("algunos", 3),
            Map.entry("een paar", 3), Map.entry("alguns", 3), Map.entry("two", 2), Map.entry("three", 3), Map.entry("six", 6),
            Map.entry("zwei", 2), Map.entry("drei", 3), Map.entry("sechs", 6), Map.entry("deux", 2), Map.entry("trois", 3),
            Map.entry("dos", 2), Map.entry("tres", 3), Map.entry("seis", 6), Map.entry("twee", 2), Map.entry("drie", 3),
            Map.entry("zes", 6));

    private LaterDates() {
    }

    /** When to come back, from {@code original} (as written) and {@code plain} (lower case, no accents). */
    static Optional<LocalDate> in(String original, String plain, LocalDate written) {
        Optional<LocalDate> day = ReplyReading.latestDate(original, written);
        if (day.isPresent()) {
            return day;
        }
        Matcher month = MONTH_ALONE.matcher(plain);
        while (month.find()) {
            Month named = MONTHS.get(month.group(1));
            if (named != null) {
                LocalDate first = LocalDate.of(written.getYear(), named, 1);
                return Optional.of(first.isAfter(written) ? first : first.plusYears(1));
            }
        }
        if (NEXT_QUARTER.matcher(plain).find()) {
            return Optional.of(quarterStart(written, written.get(IsoFields.QUARTER_OF_YEAR) + 1));
        }
        Matcher quarter = QUARTER.matcher(plain);
        if (quarter.find()) {
            int q = Integer.parseInt(quarter.group(1) != null ? quarter.group(1) : quarter.group(2));
            LocalDate start = quarterStart(written, q);
            return Optional.of(start.isAfter(written) ? start : start.plusYears(1));
        }
        Matcher units = IN_UNITS.matcher(plain);
        if (units.find()) {
            int n = NUMBER_WORDS.getOrDefault(units.group(1), 0);
            n = n > 0 ? n : Integer.parseInt(units.group(1).replaceAll("\\D", "0"));
            return Optional.of(units.group(2).startsWith("w") || units.group(2).startsWith("s")
                    ? written.plusWeeks(n) : written.plusMonths(n));
        }
        if (NEXT_YEAR.matcher(plain).find()) {
            return Optional.of(LocalDate.of(written.getYear() + 1, 1, 1));
        }
        if (AFTER_SUMMER.matcher(plain).find()) {
            LocalDate september = LocalDate.of(written.getYear(), 9, 1);
            return Optional.of(september.isAfter(written) ? september : september.plusYears(1));
        }
        return Optional.empty();
    }

    /** The first day of quarter {@code q} of the written year (q 5 is the next year's first). */
    private static LocalDate quarterStart(LocalDate written, int q) {
        return q > 4 ? LocalDate.of(written.getYear() + 1, 1, 1) : LocalDate.of(written.getYear(), (q - 1) * 3 + 1, 1);
    }
}
