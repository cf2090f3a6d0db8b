package dev.outreach.lead;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface LeadRepository extends JpaRepository<Lead, Long> {

    Optional<Lead> findByEmailNormalized(String emailNormalized);

    Optional<Lead> findByLinkedinId(String linkedinId);

    List<Lead> findByEmailNormalizedIn(Collection<String> emailsNormalized);

    List<Lead> findByLinkedinIdIn(Collection<String> linkedinIds);
}
