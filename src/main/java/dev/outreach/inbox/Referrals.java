package dev.outreach.inbox;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a "wrong person" reply sends us to: the first address in the text that is not the
 * writer's own, and the name written right before it ("please contact Maria Lopez
 * (maria.lopez@acme.test)", "wenden Sie sich an Klaus Weber, klaus.weber@firma.test").
 */
final class Referrals {

    record Referral(Optional<String> name, Optional<String> email) {
    }

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** Up to three capitalised words (a name), then separators, ending where the address starts. */
    private static final Pattern NAME_BEFORE = Pattern.compile(
            "(\\p{Lu}[\\p{L}'-]+(?:\\s+(?:van der|van|de|von|da|dos|del|le)?\\s*\\p{Lu}[\\p{L}'-]+){0,2})\\s*(?:at|bei|à|a|em|en|op|via|:|,|-|–|\\(|<|\\[)?\\s*(?:mailto:)?$");
    private static final java.util.Set<String> NOT_NAMES = java.util.Set.of("Please", "Bitte", "Merci", "Gracias",
            "Contact", "Email", "E-mail", "Mail", "Kontakt", "Contacto", "Contato", "Neem", "Graag", "Obrigado", "Thanks",
            "Herrn", "Herr", "Frau", "Mr", "Mrs", "Ms", "Monsieur", "Madame", "Sr", "Sra", "Dhr", "Mevr", "Reach",
            "Write", "Schreiben", "Ecrivez", "Escriba", "Mande");

    private Referrals() {
    }

    static Referral in(String text, String writer) {
        Matcher address = ADDRESS.matcher(text);
        while (address.find()) {
            String email = address.group();
            if (email.equalsIgnoreCase(writer == null ? "" : writer.strip())) {
                continue;
            }
            String before = text.substring(Math.max(0, address.start() - 80), address.start());
            before = before.substring(before.lastIndexOf('\n') + 1);
            return new Referral(name(before), Optional.of(email.toLowerCase(Locale.ROOT)));
        }
        return new Referral(Optional.empty(), Optional.empty());
    }

    private static Optional<String> name(String before) {
        Matcher name = NAME_BEFORE.matcher(before);
        if (!name.find()) {
            return Optional.empty();
        }
        String[] words = name.group(1).strip().split("\\s+");
        int start = 0;
        while (start < words.length && NOT_NAMES.contains(words[start].replace(".", ""))) {
            start++;
        }
        String kept = String.join(" ", java.util.Arrays.copyOfRange(words, start, words.length)).strip();
        return kept.isEmpty() || NOT_NAMES.contains(kept) ? Optional.empty() : Optional.of(kept);
    }
}
