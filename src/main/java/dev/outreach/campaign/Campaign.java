package dev.outreach.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named outreach effort that leads are enrolled in, following one sequence. */
@Entity
@Table(name = "campaign")
class Campaign {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(name = "sequence_id")
    private Long sequenceId;
    @Column(nullable = false)
    private String status = "ACTIVE";
    @Column(name = "default_time_zone", nullable = false)
    private String defaultTimeZone;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Campaign() {
    }

    Campaign(String name, String description, Long sequenceId, String defaultTimeZone, Instant now) {
        this.name = name;
        this.description = description;
        this.sequenceId = sequenceId;
        this.defaultTimeZone = defaultTimeZone;
        this.createdAt = now;
        this.updatedAt = now;
    }

    CampaignSummary toSummary() {
        return new CampaignSummary(id, name, status, defaultTimeZone);
    }
}
