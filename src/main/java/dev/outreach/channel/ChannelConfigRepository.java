package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import org.springframework.data.jpa.repository.JpaRepository;

interface ChannelConfigRepository extends JpaRepository<ChannelConfig, ChannelType> {
}
