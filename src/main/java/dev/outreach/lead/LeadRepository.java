package dev.outreach.lead;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface LeadRepository extends JpaRepository<Lead, Long> {

    Optional<Lead> findByEmailNormalized(String emailNormalized);

    Optional<Lead> findByLinkedinId(String linkedinId);
}
