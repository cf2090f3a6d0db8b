package dev.outreach;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

class ArchitectureTests {

    /**
     * Reads of another module's table in SQL, each inside one set-based statement whose per-row
     * alternative would be an API call per row (docs/architecture.md, "Reads"). Class simple name
     * -> the tables it reads, with why. A new cross-module read fails until it is reviewed and
     * listed here.
     */
    static final Map<String, Set<String>> CROSS_MODULE_READS = Map.ofEntries(
            // the tick decides a batch of up to 5,000 due enrollments in one locked SELECT: stop reason
            // (lead status, suppression), the campaign's sequence and time zone, a touch still in flight
            Map.entry("TickStore", Set.of("lead", "campaign", "sequence_config", "sequence_step", "suppression",
                    "outreach_message")),
            // enrolls thousands of imported leads with INSERT ... SELECT from lead, after checking the campaign
            Map.entry("EnrollmentService", Set.of("lead", "campaign")),
            // the enrollment rules: one verdict per lead inside the counting SELECT and the INSERT ... SELECT
            // (the lead's stop and address, as the tick reads them), by ids or by the grid's filter
            Map.entry("EnrollmentRules", Set.of("lead", "suppression")),
            // an add-by-filter job counts the filter's leads and finds each chunk's last lead id
            Map.entry("EnrollmentJobs", Set.of("lead")),
            // the company rule: the replied lead's domain or company, and its peers among the campaign's enrollments
            Map.entry("CompanyStops", Set.of("lead")),
            // a campaign's Leads tab: each enrollment's lead name, email and company in the page's one query
            Map.entry("CampaignEnrollments", Set.of("lead")),
            // re-contact eligibility joins the lead's status in the batch statement that resets cycles
            Map.entry("RecontactWorker", Set.of("lead")),
            Map.entry("RecontactStats", Set.of("lead")),
            // the lead page lists its campaigns by name beside each enrollment, one query per page
            Map.entry("LeadCampaignMemberships", Set.of("campaign")),
            // the leads grid filters by campaign membership inside its paged query
            Map.entry("LeadQueries", Set.of("enrollment")),
            // channel metrics filtered by campaign: the message's enrollment, inside the aggregate query
            Map.entry("ChannelMetricsQuery", Set.of("enrollment")),
            // the cycle picks the message's mailbox; to be passed in with the message (wt-seq's batch context)
            Map.entry("OutreachStore", Set.of("enrollment")),
            // the sending mailbox's address matches an event to its message; being reworked by wt-events
            Map.entry("MessageEngagement", Set.of("mailbox")),
            // the replies a lead's history shows, newest first, by the reply table's lead index
            Map.entry("LeadReplies", Set.of("email_reply")),
            // the embedded sandbox simulates provider events for sent messages and their sending domains, and
            // replies signed with the lead's first name from the lead's address
            Map.entry("SandboxEventSimulator", Set.of("outreach_message", "mailbox", "sending_domain", "lead")),
            // an out-of-office pause ends at midnight in the lead's zone: one column, read in the pausing
            // transaction, which the IMAP poller and webhooks run without a user (LeadService is role-guarded)
            Map.entry("EnrollmentPauses", Set.of("lead")),
            // a sequence re-opened after a reply is refused by the tick's own stop rule (lead status, a
            // suppressed address or domain) and when its campaign is over or every touch of it went out
            // (the campaign's status and touch count, as the tick reads its plans), in the locking transaction
            Map.entry("RepliedSequences", Set.of("lead", "suppression", "campaign", "campaign_touch")),
            // a click taken back (a link scanner's): the enrollment's last click falls back to its messages'
            // latest remaining one, in the same UPDATE
            Map.entry("EnrollmentEngagement", Set.of("outreach_message")),
            // a campaign paused or resumed: its PENDING messages (up to all of a campaign's) held or released in
            // one UPDATE through their enrollments, the lead's zone picking the next window on release
            Map.entry("CampaignHolds", Set.of("enrollment", "lead")),
            // the hourly completion check: ACTIVE campaigns and their cycle cap in the one NOT EXISTS over their
            // enrollments
            Map.entry("CampaignCompletion", Set.of("campaign")),
            // campaign figures: one aggregate over a campaign's messages (up to millions: 1M in the
            // benchmark) through its enrollments, with their unsubscribe events; the campaign's time zone
            Map.entry("CampaignStatsQueries", Set.of("outreach_message", "email_event", "campaign")),
            // one campaign's waiting messages: the message's enrollment, inside the grouping query
            Map.entry("WaitingMessages", Set.of("enrollment")),
            // the inbox's page: each reply with its lead, the campaign of the touch it answers (message ->
            // enrollment -> campaign) and its mailbox in the page's one query; the open lead's touches on every
            // channel, enrollments and campaigns; the users a lead can be assigned to
            Map.entry("InboxQueries", Set.of("email_reply", "lead", "outreach_message", "enrollment", "campaign", "mailbox",
                    "app_user")));

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.outreach");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.outreach.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void viewsNeverTouchRepositories() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("views talk to services, never to repositories")
                .check(classes);
    }

    @Test
    void viewsNeverRunSqlThemselves() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void controllersCallServicesNeverSqlNorRepositories() {
        noClasses().that().resideInAPackage("..api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..")
                .orShould().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("REST controllers call the same services as the views (docs/architecture.md, Data access)")
                .check(classes);
    }

    @Test
    void everyTableHasAnOwningModule() {
        assertThat(TableOwnership.fromArchitectureDoc().owners().keySet())
                .as("tables in docs/architecture.md, Table ownership")
                .containsAll(SqlTableUse.tablesInMigrations());
    }

    @Test
    void onlyTheOwningModuleWritesATable() {
        TableOwnership ownership = TableOwnership.fromArchitectureDoc();
        List<String> foreignWrites = SqlTableUse.scan(classes, ownership.owners().keySet()).stream()
                .filter(use -> use.kind() == SqlTableUse.Kind.WRITE)
                .filter(use -> !use.module().equals(ownership.owners().get(use.table())))
                .map(use -> use + ", owned by " + ownership.owners().get(use.table())).toList();
        assertThat(foreignWrites).as("writes to another module's table: call its API or react to its events")
                .isEmpty();
    }

    @Test
    void readsOfAnotherModulesTableAreTheListedOnes() {
        TableOwnership ownership = TableOwnership.fromArchitectureDoc();
        List<String> unlisted = SqlTableUse.scan(classes, ownership.owners().keySet()).stream()
                .filter(use -> use.kind() == SqlTableUse.Kind.READ)
                .filter(use -> !use.module().equals(ownership.owners().get(use.table())))
                .filter(use -> !CROSS_MODULE_READS.getOrDefault(use.owner().getSimpleName(), Set.of()).contains(use.table()))
                .map(use -> use + ", owned by " + ownership.owners().get(use.table())).toList();
        assertThat(unlisted).as("SQL reads of another module's table that are not listed in CROSS_MODULE_READS")
                .isEmpty();
    }

    @Test
    void entitiesMapTablesTheirModuleOwns() {
        Map<String, String> owners = TableOwnership.fromArchitectureDoc().owners();
        Map<String, String> misplaced = classes.stream().filter(type -> type.isAnnotatedWith(Entity.class))
                .filter(type -> !SqlTableUse.moduleOf(type).equals(owners.get(tableOf(type))))
                .collect(Collectors.toMap(JavaClass::getName, ArchitectureTests::tableOf));
        assertThat(misplaced).as("entities mapping a table another module owns").isEmpty();
    }

    @Test
    void entitiesAndRepositoriesAreUsedOnlyInTheirModule() {
        classes().that().areAnnotatedWith(Entity.class).or().areAssignableTo(Repository.class)
                .and().resideInAPackage("dev.outreach..")
                .should(beAccessedOnlyFromTheirModule())
                .because("a JPA write to another module's aggregate is a cross-module write")
                .check(classes);
    }

    @Test
    void noFlushAndClearJugglingBetweenJpaAndSql() {
        noClasses().should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .because("a bulk path works on rows with SQL, a form on one entity through its repository: "
                        + "neither needs to flush or clear the persistence context (docs/architecture.md, Data access)")
                .check(classes);
    }

    private static String tableOf(JavaClass entity) {
        return entity.tryGetAnnotationOfType(Table.class).map(Table::name)
                .orElse(entity.getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static ArchCondition<JavaClass> beAccessedOnlyFromTheirModule() {
        return new ArchCondition<>("be used only inside their module") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String module = SqlTableUse.moduleOf(type);
                type.getDirectDependenciesToSelf().stream()
                        .filter(dependency -> !module.equals(SqlTableUse.moduleOf(dependency.getOriginClass())))
                        .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency,
                                dependency.getDescription())));
            }
        };
    }

    /** The ownership map as docs/architecture.md writes it: one row per table, the owning module in the second cell. */
    record TableOwnership(Map<String, String> owners) {

        static TableOwnership fromArchitectureDoc() {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("docs/architecture.md"));
            } catch (IOException e) {
                throw new IllegalStateException("docs/architecture.md holds the table ownership map", e);
            }
            Map<String, String> owners = new LinkedHashMap<>();
            boolean inSection = false;
            for (String line : lines) {
                if (line.startsWith("## ")) {
                    inSection = line.strip().equals("## Table ownership");
                } else if (inSection && line.startsWith("| `")) {
                    String[] cells = line.split("\\|");
                    owners.put(cells[1].strip().replace("`", ""), cells[2].strip());
                }
            }
            assertThat(owners).as("rows of docs/architecture.md, section \"## Table ownership\"").isNotEmpty();
            return new TableOwnership(owners);
        }
    }
}
