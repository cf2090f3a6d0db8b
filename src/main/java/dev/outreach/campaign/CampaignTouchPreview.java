package dev.outreach.campaign;

import com.vaadin.flow.component.Component;
import java.util.function.Supplier;

/**
 * A touch of the plan editor rendered for a lead the operator chooses, drawn by the module that
 * renders messages (content) without the campaign module depending on it. {@code touch} gives the
 * touch as currently edited, not yet saved.
 */
public interface CampaignTouchPreview {

    Component create(Supplier<CampaignTouch> touch);
}
