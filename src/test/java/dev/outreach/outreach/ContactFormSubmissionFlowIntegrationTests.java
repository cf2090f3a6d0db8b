package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.contactform.ContactFormOptOuts;
import dev.outreach.channel.contactform.LoopbackSite;
import dev.outreach.channel.contactform.LoopbackSite.Answer;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The contact-form channel through the sequencer in LIVE mode against a site on 127.0.0.1: the
 * form found behind a contact link is recorded on the lead, one submission per site per period
 * across leads, the opt-out list, and what every attempt keeps.
 */
@SpringBootTest(properties = "outreach.dispatch.enabled=false")
@ActiveProfiles("test")
class ContactFormSubmissionFlowIntegrationTests {

    private static final String FORM = """
            <html><body><h1>Contact Acme Plumbing</h1>
            <form class="contact" method="post" action="%s">
              <label>Your name <input name="your-name" required></label>
              <label>Your email <input name="your-email" type="email" required></label>
              <label>Your message <textarea name="your-message" required></textarea></label>
              <button type="submit">Send</button>
            </form></body></html>""";
    private static final LoopbackSite site = start();

    @Autowired
    OutreachService outreach;
    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    ChannelConfigService channels;
    @Autowired
    ContactFormOptOuts optOuts;
    @Autowired
    JdbcClient jdbc;

    private ChannelSettings original;

    private static LoopbackSite start() {
        try {
            return new LoopbackSite()
                    .get("/home", Answer.html("<nav><a href='/jobs/'>Jobs</a> <a href='/contact-us/'>Contact us</a></nav>"))
                    .get("/contact-us/", Answer.html(FORM.formatted("/contact-us/send")))
                    .post("/contact-us/send", Answer.redirect("/thank-you/"))
                    .get("/thank-you/", Answer.html("<h1>Thank you!</h1>"))
                    .get("/quiet", Answer.html(FORM.formatted("/quiet/send")))
                    .post("/quiet/send", Answer.html("<h1>Acme Plumbing</h1><p>Since 1978.</p>"))
                    .get("/oops", Answer.html(FORM.formatted("/oops/send")))
                    .post("/oops/send", Answer.html("<p>There was an error trying to send your message. Try later.</p>"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @DynamicPropertySource
    static void allowTheSite(DynamicPropertyRegistry registry) {
        registry.add("outreach.contact-form.allowed-hosts", site::hostPort);
        registry.add("outreach.contact-form.contact-url", () -> "https://outreach.example/about-our-messages");
    }

    @BeforeEach
    void liveWithRoomInTheChannelLimits() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        jdbc.sql("delete from contact_form_site").update();
        jdbc.sql("delete from contact_form_opt_out").update();
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        java.util.Map<String, String> sender = new java.util.HashMap<>(original.settings());
        sender.put("from_name", "Jane Doe");
        sender.put("from_email", "jane@outreach.example");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.CONTACT_FORM, true, 1000, 1000, 1000,
                original.maxRetries(), original.retryBackoffHours(), original.templates(), sender, null, null)));
        site.forget();
    }

    @AfterEach
    void backToSandbox() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
        SystemActor.call(() -> channels.update(original));
        SecurityContextHolder.clearContext();
    }

    private long lead(String path) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Ray");
        draft.setCompany("Acme Plumbing " + System.nanoTime());
        draft.setWebsite(site.url(path));
        return SystemActor.call(() -> leads.create(draft));
    }

    private OutreachAttempt formAttempt(SequenceResult result) {
        return store.attempts(result.messageId()).stream().filter(a -> a.channel() == ChannelType.CONTACT_FORM)
                .reduce((first, second) -> second).orElseThrow();
    }

    private SequenceResult send(long leadId) {
        return SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Quick question", "Hi Ray, a question."));
    }

    @Test
    void theFormFoundBehindAContactLinkIsRecordedOnTheLeadAndTheNextTouchGoesStraightThere() {
        long ray = lead("/home");

        SequenceResult first = send(ray);

        assertThat(first.channelUsed()).as(store.attempts(first.messageId()).toString()).isEqualTo(ChannelType.CONTACT_FORM);
        assertThat(site.receivedPaths()).containsExactly("GET /home", "GET /contact-us/", "POST /contact-us/send",
                "GET /thank-you/");
        assertThat(SystemActor.call(() -> leads.find(ray)).orElseThrow().fields().getContactFormUrl())
                .isEqualTo(site.url("/contact-us/"));
        assertThat(formAttempt(first).details()).contains("confirmed: redirected to /thank-you/")
                .contains("form found on " + site.url("/contact-us/")).contains("your-message=Hi Ray, a question.");

        jdbc.sql("delete from contact_form_site").update(); // the per-site period has passed
        site.forget();
        SequenceResult next = send(ray);

        assertThat(next.channelUsed()).isEqualTo(ChannelType.CONTACT_FORM);
        assertThat(site.receivedPaths()).first().isEqualTo("GET /contact-us/");
        assertThat(site.receivedPaths()).doesNotContain("GET /home", "GET /jobs/");
    }

    @Test
    void aSecondLeadOfTheSameSiteIsSkippedWithTheDateOfTheFirstSubmission() {
        long first = lead("/contact-us/");
        long second = lead("/home");

        SequenceResult sent = send(first);
        SequenceResult skipped = send(second);

        assertThat(sent.channelUsed()).as(store.attempts(sent.messageId()).toString()).isEqualTo(ChannelType.CONTACT_FORM);
        assertThat(formAttempt(skipped).status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(formAttempt(skipped).error()).isEqualTo("site contacted on " + LocalDate.now(ZoneOffset.UTC)
                + " (127.0.0.1; at most one contact-form submission per site every 30 days)");
        assertThat(site.posts()).isEqualTo(1);
    }

    @Test
    void anOptedOutSiteIsNeverFetched() {
        String domain = SystemActor.call(() -> optOuts.add("127.0.0.1", "asked us to stop"));
        long ray = lead("/contact-us/");

        SequenceResult result = send(ray);

        assertThat(domain).isEqualTo("127.0.0.1");
        assertThat(formAttempt(result).status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(formAttempt(result).error()).startsWith("the site 127.0.0.1 opted out of contact forms on ")
                .endsWith("(asked us to stop)");
        assertThat(site.received()).isEmpty();
    }

    @Test
    void onlyAdminsKeepTheOptOutListButAnyoneMayAddASiteFromAnAttempt() {
        signIn("olga", "ROLE_OPERATOR");

        assertThatThrownBy(() -> optOuts.add("stop.example", "no")).isInstanceOf(AccessDeniedException.class);
        assertThat(optOuts.addFromAttempt("https://www.stop.example/contact", "replied STOP")).isEqualTo("stop.example");
        assertThatThrownBy(() -> optOuts.remove("stop.example")).isInstanceOf(AccessDeniedException.class);
        assertThat(optOuts.list()).extracting(ContactFormOptOuts.OptOut::domain, ContactFormOptOuts.OptOut::addedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stop.example", "olga"));
    }

    @Test
    void anUnconfirmedSubmissionIsSentButCountedApartAndARejectedOneKeepsItsFields() {
        long before = SystemActor.call(() -> outreach.channelMetrics(null, 30)).channels().get(ChannelType.CONTACT_FORM)
                .unconfirmed();

        SequenceResult quiet = send(lead("/quiet"));
        jdbc.sql("delete from contact_form_site").update();
        SequenceResult oops = send(lead("/oops"));

        OutreachAttempt unconfirmed = formAttempt(quiet);
        assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(MessageStatus.SENT);
        assertThat(unconfirmed.unconfirmed()).isTrue();
        assertThat(unconfirmed.details()).startsWith("unconfirmed: ").contains("your-email=");
        assertThat(SystemActor.call(() -> outreach.channelMetrics(null, 30)).channels().get(ChannelType.CONTACT_FORM)
                .unconfirmed()).isEqualTo(before + 1);
        OutreachAttempt rejected = formAttempt(oops);
        assertThat(rejected.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(rejected.error()).isEqualTo("the form was rejected: There was an error trying to send your message.");
        assertThat(rejected.details()).contains("POST " + site.url("/oops/send"))
                .contains("your-message=Hi Ray, a question.");
        assertThat(site.received()).extracting(LoopbackSite.Received::userAgent)
                .containsOnly("OutreachEngine/1.0 (+https://outreach.example/about-our-messages)");
    }

    private static void signIn(String name, String role) {
        List<SimpleGrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(role));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new org.springframework.security.core.userdetails.User(name, "unused", authorities), null, authorities));
    }
}
