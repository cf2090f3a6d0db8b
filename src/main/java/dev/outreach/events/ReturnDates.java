package dev.outreach.events;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date an out-of-office says its writer is back, in the languages {@link AutoReplies}
 * recognises: "until 16 March 2026", "back on March 16th", "bis zum 16.03.2026", "jusqu'au 16
 * mars", "hasta el 16 de marzo", "fino al 16 marzo", "tot 16 maart", "até 16 de março", "till
 * den 16 mars", "do 16 marca", ISO dates. Of the dates the text names, the latest one from the
 * mail's own date up to a year after it is taken ("away from 2 March until 13 March" means 13
 * March); a date without a year is its next occurrence from the mail's date. Day before month
 * when a numeric date could be read both ways, as most of these languages write it.
 */
final class ReturnDates {

    private static final Map<String, Integer> MONTHS = months();
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th|er|e|o|º)?\\.?\\s*(?:de\\s+|of\\s+)?(\\p{L}{3,12})\\.?,?(?:\\s+(?:de\\s+)?(\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "\\b(\\p{L}{3,12})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?");
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.:/])(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{4}|\\d{2}))?(?![\\d/]|\\.\\d)");

    private ReturnDates() {
    }

    /** The return date named in {@code text}; empty when it names none that makes sense for a mail written on {@code written}. */
    static Optional<LocalDate> in(String text, LocalDate written) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        LocalDate[] latest = {null};
        java.util.function.Consumer<LocalDate> take = date -> {
            if (!date.isBefore(written) && !date.isAfter(written.plusYears(1)) && (latest[0] == null || date.isAfter(latest[0]))) {
                latest[0] = date;
            }
        };
        Matcher iso = ISO.matcher(plain);
        while (iso.find()) {
            date(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)), written)
                    .ifPresent(take);
        }
        String withoutIso = ISO.matcher(plain).replaceAll(" ");
        Matcher dayMonth = DAY_MONTH.matcher(withoutIso);
        while (dayMonth.find()) {
            Integer month = MONTHS.get(dayMonth.group(2));
            if (month != null) {
                date(year(dayMonth.group(3)), month, Integer.parseInt(dayMonth.group(1)), written).ifPresent(take);
            }
        }
        Matcher monthDay = MONTH_DAY.matcher(withoutIso);
        while (monthDay.find()) {
            Integer month = MONTHS.get(monthDay.group(1));
            if (month != null) {
                date(year(monthDay.group(3)), month, Integer.parseInt(monthDay.group(2)), written).ifPresent(take);
            }
        }
        Matcher numeric = NUMERIC.matcher(withoutIso);
        while (numeric.find()) {
            int first = Integer.parseInt(numeric.group(1));
            int second = Integer.parseInt(numeric.group(2));
            int year = year(numeric.group(3));
            boolean monthFirst = first <= 12 && second > 12;
            date(year, monthFirst ? first : second, monthFirst ? second : first, written).ifPresent(take);
        }
        return Optional.ofNullable(latest[0]);
    }

    private static int year(String text) {
        if (text == null) {
            return 0;
        }
        int year = Integer.parseInt(text);
        return year < 100 ? 2000 + year : year;
    }

    /** {@code year} 0: the next occurrence of the day from {@code written}. */
    private static Optional<LocalDate> date(int year, int month, int day, LocalDate written) {
        try {
            if (year == 0) {
                LocalDate thisYear = MonthDay.of(month, day).atYear(written.getYear());
                return Optional.of(thisYear.isBefore(written) ? thisYear.plusYears(1) : thisYear);
            }
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException invalid) {
            return Optional.empty();
        }
    }

    private static Map<String, Integer> months() {
        String[][] names = {
            {"january", "jan", "januar", "janvier", "enero", "gennaio", "januari", "janeiro", "stycznia", "styczen", "jänner", "janner"},
            {"february", "feb", "februar", "fevrier", "febrero", "febbraio", "februari", "fevereiro", "lutego", "luty"},
            {"march", "mar", "marz", "mrz", "mars", "marzo", "maart", "marco", "marts", "marca", "marzec"},
            {"april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecien"},
            {"may", "mai", "mayo", "maggio", "mei", "maio", "maj", "maja"},
            {"june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec"},
            {"july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca", "lipiec"},
            {"august", "aug", "aout", "agosto", "augustus", "augusti", "sierpnia", "sierpien"},
            {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro", "wrzesnia", "wrzesien"},
            {"october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro", "okt", "pazdziernika", "pazdziernik"},
            {"november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad"},
            {"december", "dec", "dezember", "decembre", "diciembre", "dicembre", "dezembro", "grudnia", "grudzien", "dez"}};
        Map<String, Integer> months = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                months.put(Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", ""), i + 1);
            }
        }
        return Map.copyOf(months);
    }
}
