package dev.outreach.inbox;

import dev.outreach.events.ReplyReading;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The first opinion on a reply, by rules: the automatic-answer signals the poller found
 * (headers, subject), then phrases in English, German, French, Spanish, Dutch and Portuguese (for
 * absences also Italian, Polish and Swedish, whose automatic answers the poller recognises),
 * looked for in what the person wrote (the quoted history is already gone). Checked in this
 * order, the first that fits wins: unsubscribe request (it has legal weight, whatever else a
 * person's mail says), out of office (with the return date; before "wrong person", since an
 * absence note names whom to contact meanwhile), someone who left or sends us elsewhere (with the
 * referral), any other automatic answer, not now (with the date to come back), not interested,
 * meeting request, interested. A reply that says no and yes at once ("not interested in X, but let's
 * talk about Y"), or matches nothing, is left open (empty) for the model or a person.
 */
final class ReplyIntentRules {

    static final double PHRASE_CONFIDENCE = 0.85;
    static final double HEADER_CONFIDENCE = 0.95;

    private static final Pattern UNSUBSCRIBE = phrases(
            "unsubscribe", "remove me", "remove my (email|address|name)", "take me off", "take us off", "stop (emailing|contacting|sending|writing)",
            "(don't|do not|never) (email|contact|write to|message) (me|us)", "opt me out", "opt out", "no more (emails|messages)",
            "delete my (data|email|address|contact)", "off your (list|mailing list)",
            "abmelden", "austragen", "aus ihrem verteiler", "aus dem verteiler", "entfernen sie (mich|meine)", "keine (weiteren )?(e-?mails|nachrichten)",
            "nicht mehr (kontaktieren|anschreiben|schreiben)", "loschen sie meine", "desinscri", "desabonne", "retirez[- ]moi",
            "supprimez[- ]moi", "(ne plus|arretez de) me (contacter|solliciter|ecrire|envoyer)", "retirer de votre liste",
            "(darme|dame|denme|deme) de baja", "(no|deje de) (me )?(escriba|escribirme|contacte|contactarme|envie|enviarme)",
            "(eliminarme|borrarme|eliminen mi|borren mi|eliminar mi)", "sacame de", "quitarme de",
            "afmelden", "uitschrijven", "verwijder (mij|me|mijn)", "(mail|contacteer|benader) (mij|me) niet meer", "haal me van",
            "descadastr", "remover? (meu|me|da lista)", "(nao|pare de) me (envie|enviar|contate|contatar|mande|mandar)",
            "cancelar (a )?(minha )?inscricao", "tirem? (me|meu) d");
    private static final Pattern LEFT_OR_ELSEWHERE = phrases(
            "no longer (with|at|works|working|employed|part of)", "(has|have) left (the company|the firm|acme|us)", "left the company",
            "not the right (person|contact)", "wrong person", "(is|isn't|am not|i'm not) (the right|the best|the correct) (person|contact)",
            "(better|right) person (to|for)", "not responsible for", "not (my|in my) (area|department|remit)", "i don't handle",
            "(you should|please|better to|best to) (talk to|speak to|reach out to|contact|email|get in touch with) (?!me\\b|us\\b|my\\b|our\\b)",
            "nicht mehr (bei|fur|im unternehmen|in unserem)", "(hat|ist) das unternehmen verlassen", "nicht (der|die) richtige",
            "falsche(n)? ansprechpartner", "nicht zustandig", "(wenden sie sich|bitte wenden) (an|bitte)", "zustandig ist",
            "ne (fait|travaille) plus", "n'est plus (chez|dans|avec|en poste)", "a quitte (la societe|l'entreprise)",
            "(pas|plus) la bonne personne", "(ne suis|je ne suis) pas (la bonne|le bon|en charge)", "(contactez|adressez-vous a|ecrivez a)(?![- ]?(moi|nous))",
            "ya no (trabaja|esta|forma parte)", "dejo la empresa", "no soy la persona", "persona (adecuada|correcta|indicada)",
            "(contacte|contactar|escriba) (a|con) (?!mi\\b|nosotros)", "no es mi (area|departamento)",
            "werkt? (hier )?niet meer", "niet meer (bij|werkzaam)", "niet de juiste", "juiste (persoon|contactpersoon)", "neem contact op met",
            "nao (trabalha|esta) mais", "saiu da empresa", "nao sou a pessoa", "pessoa (certa|correta|indicada)",
            "(entre|entrar) em contato com (?!a gente|nos)", "fale com (?!igo)");
    private static final Pattern OUT_OF_OFFICE = phrases(
            "out of (the )?office", "on (annual |parental |maternity |paternity |sick )?leave", "on (vacation|holiday|holidays|pto)",
            "away (from|until|till|on)", "limited access to (my )?(e-?mail|internet)", "(currently|presently) (away|travelling|traveling|out)",
            "abwesend", "abwesenheit", "nicht im (buro|hause)", "im urlaub", "urlaubsbedingt", "auf dienstreise", "elternzeit",
            "absente?", "en conges?", "en vacances", "hors du bureau", "en deplacement",
            "fuera de (la )?oficina", "de vacaciones", "ausente", "de viaje", "de baja",
            "afwezig", "met vakantie", "op vakantie", "niet op kantoor", "verlof",
            "fora do escritorio", "de ferias", "em ferias", "ausente do escritorio", "de licenca",
            // the other languages whose automatic-answer subjects the poller knows (Italian, Polish, Swedish)
            "fuori (dall'|dal |d')?ufficio", "in ferie", "poza biurem", "nieobecn", "na urlopie", "pa semester",
            "ar ledig", "franvarande", "tjanstledig");
    private static final Pattern NOT_NOW = phrases(
            "not (right )?now", "not at (the|this) moment", "not at this time", "not this (year|quarter)", "maybe later",
            "(reach|circle|check|get|come) back", "(follow|touch base) (up )?(again )?(in|after|next|with me in)", "try (me|us) again",
            "(contact|ping|email|message) (me|us) (again )?(in|after|next|around|later)", "bad timing", "timing (isn't|is not|is) (right|off|bad)",
            "(no|not a) (priority|budget) (right now|this (year|quarter)|at the moment|until)", "revisit", "next (quarter|year)",
            "after (the )?summer", "later (this|in the) year",
            "(derzeit|momentan|aktuell|im moment|zurzeit) (leider )?nicht", "zu einem spateren zeitpunkt", "spater (nochmal|wieder|noch einmal)",
            "melden sie sich (gerne )?(im|in|nach|wieder|nochmal|noch einmal)", "nachste(s|n)? (jahr|quartal)",
            "(pas|plus) (pour le moment|maintenant|pour l'instant|en ce moment)", "plus tard", "recontactez[- ](moi|nous)",
            "revenez vers (moi|nous)", "l'annee prochaine", "trimestre prochain", "a la rentree",
            "(ahora|en este momento|por ahora|de momento) no", "mas adelante", "mas tarde", "(vuelva|vuelvan) a (contactar|escribir)",
            "el proximo ano", "el ano que viene", "(el )?proximo trimestre", "despues del verano",
            "(op dit moment|nu|momenteel|voorlopig) (even )?niet", "later (dit|in het) jaar", "volgend (jaar|kwartaal)", "na de zomer",
            "(agora|no momento|neste momento|por enquanto) nao", "mais (tarde|para frente|adiante)", "proximo ano", "ano que vem", "proximo trimestre",
            "depois do verao", "(volte|retorne) a (falar|entrar em contato)");
    private static final Pattern NOT_INTERESTED = phrases(
            "not interested", "no interest", "(we are|i am|we're|i'm|they're|they are) not (looking|in the market)", "no thanks", "no thank you", "(not|isn't|is not) (a|the) (good |great |right )?fit",
            "(we're|we are|i'm|i am) (all set|good|covered)", "already (have|use|work with|using|working with|got)",
            "(happy|satisfied) with (our|my) (current|existing)", "(don't|do not) (need|have a need|require)", "no need",
            "pass on this", "(please )?(don't|do not) (follow up|bother)", "not relevant", "nicht interessiert", "kein interesse",
            "kein bedarf", "(brauchen|benotigen) (wir|ich) nicht", "haben (wir )?(bereits|schon)", "nein danke", "passt nicht",
            "pas interesse", "(ne sommes|ne suis) pas interesse", "ne m'interesse pas", "pas (de )?besoin", "pas interessant", "nicht (so )?interessant", "niet interessant", "non merci",
            "(nous avons|on a) deja", "ne correspond pas",
            "no (estoy|estamos) interesad", "no me interesa", "no nos interesa", "no gracias", "ya (tenemos|contamos|usamos|trabajamos)",
            "no (necesitamos|necesito)", "geen interesse", "niet geinteresseerd", "nee bedankt", "(hebben|gebruiken) (we |wij )?al",
            "geen behoefte", "nao (temos|tenho) interesse", "nao (estou|estamos) interessad", "nao obrigad", "ja (temos|usamos|utilizamos)",
            "nao (precisamos|preciso)", "sem interesse");
    private static final Pattern MEETING = phrases(
            "(set up|schedule|book|arrange|organise|organize|have) (a|an|some) (call|meeting|demo|chat|time|quick call|intro call)",
            "(can|could|shall) we (talk|meet|speak|chat|connect|jump on|hop on|do a call)", "are you (free|available)",
            "(what|which) (time|day)s? (works|suits|would work)", "(does|would) (monday|tuesday|wednesday|thursday|friday|next week)",
            "(send|forward) (me |us )?(an? )?(calendar )?invite", "calendly", "(my|our) calendar", "(grab|find|pick) (a time|a slot|15|30|some time)",
            "(happy|glad) to (jump|hop|get) on a call", "let's (talk|chat|meet|speak|connect)", "(call|ring) me", "how about (monday|tuesday|wednesday|thursday|friday|next)",
            "(free|available) (on|next|this|tomorrow)", "(einen )?termin", "telefonat", "(lassen sie uns|wollen wir) (sprechen|telefonieren|treffen)",
            "(haben|hatten) sie (zeit|nachste woche)", "rufen sie (mich )?an", "kurzes gesprach", "(ein )?gesprach vereinbaren",
            "rendez-vous", "(un|une) (appel|visio|call|reunion)", "(pouvons|pourrions)[- ]nous (echanger|parler|nous appeler)", "(etes-vous|seriez-vous) disponible",
            "appelez-moi", "(echanger|discuter) (de vive voix|par telephone)",
            "(una|agendar|tener una) (llamada|reunion|videollamada)", "agendar", "(podemos|podriamos) (hablar|reunirnos|conversar|tener)", "(esta|estas) disponible",
            "llameme", "llamame", "(een )?afspraak", "(even )?bellen", "(kunnen|zullen) we (even )?(bellen|afspreken|praten)", "belletje", "gesprek inplannen",
            "(uma|marcar|agendar|ter uma) (reuniao|ligacao|chamada|call)", "(podemos|poderiamos) (conversar|falar|marcar)", "(esta|estaria) disponivel", "me liga");
    private static final Pattern INTERESTED = phrases(
            "interested", "sounds (good|interesting|great)", "tell me more", "(send|share) (me |us )?(some |more )?(info|information|details|pricing|a deck|the deck|a proposal|case studies)",
            "(like|love|want) to (know|learn|hear) more", "curious", "(serais|suis) curieux", "curios[oa]", "nieuwsgierig", "neugierig", "learn more", "(i'm|we're|i am|we are) keen", "keen to", "open to (it|this|hearing|learning)",
            "(could|can) you (send|share)", "what (does|would) (it|this|pricing) cost", "how much",
            "interessant", "interessiert", "klingt (gut|interessant|spannend)", "mehr (informationen|infos|details|erfahren)", "gerne mehr",
            "(schicken|senden) sie (mir )?(gerne|bitte)", "m'interesse", "en savoir plus", "plus d'(informations|infos|details)", "(envoyez|transmettez)[- ]moi",
            "(ca|cela) (a l'air|semble) (interessant|bien)", "me interesa", "nos interesa", "suena (bien|interesante)", "mas (informacion|detalles)",
            "(envieme|enviame|mandeme|mandame)", "interesante", "klinkt (goed|interessant)", "meer (informatie|info|weten)", "(ben|zijn) geinteresseerd",
            "stuur (me|mij|ons)", "(tenho|temos) interesse", "interessante", "mais (informacoes|detalhes)", "(envie|mande)[- ]me", "parece (bom|interessante)");
    private static final Pattern LATER_MARKER = phrases(
            "next (quarter|year)", "\\bq[1-4]\\b", "in (january|february|march|april|may|june|july|august|september|october|november|december)",
            "in (\\d+|a few|a couple of|two|three|six) (weeks|months)", "after (the )?summer", "later");

    private ReplyIntentRules() {
    }

    /** The label the rules give; empty when they leave the reply open. */
    static Optional<ReplyIntent> classify(IncomingReply reply) {
        String text = reply.text();
        String plain = plain(text);
        String subject = plain(reply.subject());
        boolean automatic = reply.automatic().isPresent();
        // an automatic answer's "to unsubscribe from these notifications" is no request of the lead's
        if (!automatic && (UNSUBSCRIBE.matcher(plain).find() || UNSUBSCRIBE.matcher(subject).find())) {
            return decided(IntentLabel.UNSUBSCRIBE_REQUEST, PHRASE_CONFIDENCE, "asks to be removed", UNSUBSCRIBE, plain);
        }
        // before "sends us elsewhere": an absence note names whom to contact meanwhile
        if (OUT_OF_OFFICE.matcher(subject).find() || (automatic ? OUT_OF_OFFICE.matcher(plain).find() : outOfOfficeText(plain))) {
            return Optional.of(outOfOffice(reply));
        }
        if (LEFT_OR_ELSEWHERE.matcher(plain).find()) {
            Referrals.Referral referral = Referrals.in(text, reply.from());
            return decided(IntentLabel.WRONG_PERSON, automatic ? HEADER_CONFIDENCE : PHRASE_CONFIDENCE, "sends us elsewhere",
                    LEFT_OR_ELSEWHERE, plain).map(intent -> intent.withReferral(referral.name(), referral.email()));
        }
        if (automatic) {
            return Optional.of(ReplyIntent.of(IntentLabel.AUTO_REPLY_OTHER, HEADER_CONFIDENCE,
                    "automatic answer (" + reply.automatic().get() + ")", IntentSource.RULE));
        }
        boolean no = NOT_INTERESTED.matcher(plain).find();
        // "not interested" and "no me interesa" say no: what is left of the text says yes or not
        String rest = NOT_INTERESTED.matcher(plain).replaceAll(" ");
        boolean meeting = MEETING.matcher(rest).find();
        boolean yes = meeting || INTERESTED.matcher(rest).find();
        if (NOT_NOW.matcher(plain).find() && (!yes || LATER_MARKER.matcher(plain).find())) {
            return decided(IntentLabel.NOT_NOW, PHRASE_CONFIDENCE, "not now", NOT_NOW, plain)
                    .map(intent -> intent.withDate(LaterDates.in(text, plain, reply.written())));
        }
        if (no && yes) {
            return Optional.empty();
        }
        if (no) {
            return decided(IntentLabel.NOT_INTERESTED, PHRASE_CONFIDENCE, "declines", NOT_INTERESTED, plain);
        }
        if (meeting) {
            return decided(IntentLabel.MEETING_REQUEST, PHRASE_CONFIDENCE, "asks for a meeting", MEETING, rest);
        }
        if (yes) {
            return decided(IntentLabel.INTERESTED, PHRASE_CONFIDENCE, "shows interest", INTERESTED, rest);
        }
        return Optional.empty();
    }

    /** A person's own note that they are away, written at the top as autoresponders do; not "I was out of office last week". */
    private static boolean outOfOfficeText(String plain) {
        String opening = plain.length() > 400 ? plain.substring(0, 400) : plain;
        return OUT_OF_OFFICE.matcher(opening).find() && !opening.matches("(?s).*\\b(was|war|etais|estaba|was)\\s+(out|away|abwesend|absent|ausente|afwezig).*");
    }

    private static ReplyIntent outOfOffice(IncomingReply reply) {
        String why = reply.automatic().map(a -> " (" + a + ")").orElse("");
        Optional<java.time.LocalDate> back = ReplyReading.latestDate(reply.subject() + "\n" + reply.text(), reply.written());
        return ReplyIntent.of(IntentLabel.OUT_OF_OFFICE, reply.automatic().isPresent() ? HEADER_CONFIDENCE : PHRASE_CONFIDENCE,
                "out of office" + back.map(d -> " until " + d).orElse(", no return date") + why, IntentSource.RULE).withDate(back);
    }

    private static Optional<ReplyIntent> decided(IntentLabel label, double confidence, String what, Pattern rule, String plain) {
        java.util.regex.Matcher found = rule.matcher(plain);
        String phrase = found.find() ? found.group() : "";
        return Optional.of(ReplyIntent.of(label, confidence, what + ": \"" + phrase + "\"", IntentSource.RULE));
    }

    /** Lower case, no accents, one kind of apostrophe, single spaces. */
    static String plain(String text) {
        String lower = (text == null ? "" : text).toLowerCase(Locale.ROOT).replace('’', '\'').replace('`', '\'');
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replaceAll("\\s+", " ");
    }

    private static Pattern phrases(String... alternatives) {
        return Pattern.compile("(?<![\\p{L}])(?:" + String.join("|", List.of(alternatives)) + ")");
    }
}
