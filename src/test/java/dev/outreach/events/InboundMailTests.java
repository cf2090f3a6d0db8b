package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading polled mail: delivery reports, automatic answers, replies and their text. */
class InboundMailTests {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private final UUID ours = UUID.randomUUID();
    private final String ourId = "<" + ours + "@acme.test>";

    static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    static String dsn(String action, String status, String originalId, String headersPartType) {
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.doe-plumbing.test>
                To: sam@acme.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%s@mx.doe-plumbing.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.doe-plumbing.test
                Arrival-Date: Mon, 2 Mar 2026 09:15:02 +0000

                Final-Recipient: rfc822; jane@doe-plumbing.test
                Original-Recipient: rfc822;jane@doe-plumbing.test
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; 550 5.1.1 <jane@doe-plumbing.test>:
                 Recipient address rejected: User unknown

                --b1
                Content-Type: %s

                Message-ID: %s
                From: Sam Sender <sam@acme.test>
                To: Jane Doe <jane@doe-plumbing.test>
                Subject: Quick question

                --b1--
                """.formatted(UUID.randomUUID(), action, status, headersPartType, originalId);
    }

    @Test
    void aHardBounceReportNamesTheFailedMessageRecipientAndStatus() throws Exception {
        InboundMail mail = InboundMail.read(parse(dsn("failed", "5.1.1", ourId, "text/rfc822-headers")), "fallback", NOW);

        assertThat(mail).isInstanceOf(InboundMail.Report.class);
        DeliveryStatusReport report = ((InboundMail.Report) mail).report();
        assertThat(report.failed()).isTrue();
        assertThat(report.hard()).isTrue();
        assertThat(report.status()).isEqualTo("5.1.1");
        assertThat(report.finalRecipient()).isEqualTo("jane@doe-plumbing.test");
        assertThat(report.originalMessageId()).contains(ourId);
        assertThat(report.describe()).isEqualTo("5.1.1 jane@doe-plumbing.test: smtp; 550 5.1.1 <jane@doe-plumbing.test>:"
                + " Recipient address rejected: User unknown");
        assertThat(mail.key()).startsWith("<dsn-");
    }

    @Test
    void aSoftFailureIsNotHardAndTheOriginalMayComeAsAWholeMessage() throws Exception {
        InboundMail mail = InboundMail.read(parse(dsn("failed", "4.4.7", ourId, "message/rfc822")), "fallback", NOW);

        DeliveryStatusReport report = ((InboundMail.Report) mail).report();
        assertThat(report.failed()).isTrue();
        assertThat(report.hard()).isFalse();
        assertThat(report.originalMessageId()).contains(ourId);
    }

    @Test
    void aDelayReportIsNeitherFailedNorHard() throws Exception {
        DeliveryStatusReport report = ((InboundMail.Report) InboundMail.read(
                parse(dsn("delayed", "4.4.1", ourId, "text/rfc822-headers")), "k", NOW)).report();

        assertThat(report.delayed()).isTrue();
        assertThat(report.failed()).isFalse();
    }

    @Test
    void withoutAStatusFieldTheDiagnosticCodeDecides() throws Exception {
        DeliveryStatusReport report = DeliveryStatusReport.fromFields("""
                Reporting-MTA: dns; mx.test

                Final-Recipient: rfc822; a@b.test
                Action: failed
                Diagnostic-Code: smtp; 550 User unknown
                """, java.util.Optional.empty());

        assertThat(report.status()).isEqualTo("5.0.0");
        assertThat(report.hard()).isTrue();
    }

    @Test
    void outOfOfficeAnswersAreAutomaticByHeaderOrSubject() throws Exception {
        String base = """
                From: Jane Doe <jane@doe-plumbing.test>
                To: sam@acme.test
                Message-ID: <oof-%s@doe-plumbing.test>
                In-Reply-To: %s
                %s
                Subject: %s

                I am out of the office until Monday.
                """;
        String[][] cases = {
            {"Auto-Submitted: auto-replied", "Re: Quick question"},
            {"X-Autoreply: yes", "Re: Quick question"},
            {"Precedence: auto_reply", "Re: Quick question"},
            {"X-Other: 1", "Automatic reply: Quick question"},
            {"X-Other: 1", "Out of Office: Quick question"},
            {"X-Other: 1", "Abwesenheitsnotiz: Quick question"},
            {"X-Other: 1", "=?UTF-8?Q?R=C3=A9ponse_automatique_:_Quick_question?="},
            {"X-Other: 1", "[EXTERNAL] Auto-Reply: Quick question"},
        };
        for (String[] c : cases) {
            InboundMail mail = InboundMail.read(parse(base.formatted(UUID.randomUUID(), ourId, c[0], c[1])), "k", NOW);
            assertThat(mail).as(c[0] + " / " + c[1]).isInstanceOf(InboundMail.AutoReply.class);
        }
        InboundMail human = InboundMail.read(parse(base.formatted(UUID.randomUUID(), ourId, "Auto-Submitted: no",
                "Re: Out of office coverage for your HVAC team")), "k", NOW);
        assertThat(human).as("a person's reply whose subject merely mentions it").isInstanceOf(InboundMail.Reply.class);
    }

    @Test
    void aReplyQuotesOurMessageIdAndItsExcerptLeavesTheHistoryOut() throws Exception {
        MimeMessage reply = parse("""
                From: Jane Doe <jane@doe-plumbing.test>
                To: Sam Sender <sam@acme.test>
                Message-ID: <CAFx123@mail.doe-plumbing.test>
                In-Reply-To: <unrelated@elsewhere.test>
                References: <first@elsewhere.test> %s
                Subject: Re: Quick question
                Content-Type: text/plain; charset=UTF-8

                Hi Sam,

                yes, call me Thursday.

                On Mon, 2 Mar 2026 at 09:15, Sam Sender <sam@acme.test>
                wrote:
                > Hi Jane,
                > we help plumbers fill their calendar.
                """.formatted(ourId));

        InboundMail mail = InboundMail.read(reply, "k", NOW);

        assertThat(mail).isInstanceOf(InboundMail.Reply.class);
        InboundMail.Reply found = (InboundMail.Reply) mail;
        assertThat(found.referencedIds()).containsExactly(ourId);
        assertThat(found.headerMessageId()).isEqualTo("<CAFx123@mail.doe-plumbing.test>");
        assertThat(found.from()).isEqualTo("jane@doe-plumbing.test");
        assertThat(found.excerpt()).isEqualTo("Hi Sam,\n\nyes, call me Thursday.");
    }

    @Test
    void mailThatQuotesNoMessageOfOursIsLeftAlone() throws Exception {
        InboundMail mail = InboundMail.read(parse("""
                From: someone@else.test
                To: sam@acme.test
                Subject: Newsletter
                In-Reply-To: <not-a-uuid@acme.test>

                Hello
                """), "uid:1:1:7", NOW);

        assertThat(mail).isEqualTo(new InboundMail.Other("uid:1:1:7"));
    }

    @Test
    void quotedHistoryIsCutInOutlookGermanFrenchAndHtmlReplies() {
        assertThat(ReplyText.withoutQuotes("Thanks!\n\n________________________________\nFrom: Sam\nSent: Monday\n\nHi"))
                .isEqualTo("Thanks!");
        assertThat(ReplyText.withoutQuotes("Gerne.\nVon: Sam Sender <sam@acme.test>\nGesendet: Montag\nHallo"))
                .isEqualTo("Gerne.");
        assertThat(ReplyText.withoutQuotes("Oui.\n\nLe lun. 2 mars 2026 à 09:15, Sam <sam@acme.test> a écrit :\n> Bonjour"))
                .isEqualTo("Oui.");
        assertThat(ReplyText.withoutQuotes("Sure.\n-----Original Message-----\nFrom: Sam")).isEqualTo("Sure.");
        assertThat(ReplyText.htmlAsText("<div>Sounds good<br>Jane</div><div class=\"gmail_quote\">On Mon Sam wrote:"
                + "<blockquote>Hi</blockquote></div>").strip()).isEqualTo("Sounds good\nJane");
        assertThat(ReplyText.withoutQuotes("x".repeat(5000))).hasSize(ReplyText.MAX_CHARS);
    }
}
