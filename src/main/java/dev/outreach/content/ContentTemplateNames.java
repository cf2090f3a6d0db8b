package dev.outreach.content;

import dev.outreach.channel.TemplateNames;
import dev.outreach.shared.ChannelType;
import org.springframework.stereotype.Component;

/** Answers the channel module's question whether a channel's configuration names a real template. */
@Component
class ContentTemplateNames implements TemplateNames {

    private final TemplateStore templates;

    ContentTemplateNames(TemplateStore templates) {
        this.templates = templates;
    }

    @Override
    public boolean exists(ChannelType channel, String name) {
        return templates.findByName(name.strip()).filter(template -> template.channel() == channel).isPresent();
    }

    @Override
    public java.util.List<String> names(ChannelType channel) {
        return templates.findAll().stream().filter(template -> template.channel() == channel)
                .map(MessageTemplate::name).sorted().toList();
    }
}
