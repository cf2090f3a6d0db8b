package dev.outreach.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.Map;
import java.util.function.Consumer;

/**
 * "New campaign": a name and a description make a draft that starts with the engine's usual plan,
 * schedule and settings, to be changed on its page.
 */
class NewCampaignDialog extends Dialog {

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final Button create = new Button("Create", click -> create());

    private final transient CampaignService campaigns;
    private final transient Consumer<CampaignDetails> created;

    NewCampaignDialog(CampaignService campaigns, Consumer<CampaignDetails> created) {
        this.campaigns = campaigns;
        this.created = created;
        setHeaderTitle("New campaign");
        name.setRequiredIndicatorVisible(true);
        name.setWidthFull();
        description.setWidthFull();
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(name, description);
        getFooter().add(new Button("Cancel", click -> close()), create);
    }

    private void create() {
        Map<String, TextField> fields = Map.of("name", name);
        FieldErrors.clear(fields);
        description.setInvalid(false);
        try {
            CampaignDetails campaign = campaigns.create(campaigns.defaultDraft(name.getValue(), description.getValue(), null));
            close();
            created.accept(campaign);
        } catch (InvalidInputException refused) {
            FieldErrors.show(Map.of("name", name, "description", description), refused.errors());
        }
    }
}
