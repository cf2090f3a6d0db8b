package dev.outreach.campaign.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignDraft;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.campaign.CampaignTouchPreview;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Touches tab: the campaign's touch plan, touch by touch (add, remove, move up or down), saved
 * as a whole. Every change is checked by the campaign service as the operator types, and each
 * problem is shown on the field it names.
 */
class TouchPlanEditor extends VerticalLayout {

    /** "touches[2].delayHours": the touch (from 1) and its field, as the service names them. */
    private static final Pattern TOUCH_FIELD = Pattern.compile("touches\\[(\\d+)]\\.?(.*)");

    private final transient CampaignService campaigns;
    private final transient SequenceService sequences;
    private final transient CampaignTouchPreview preview;
    private final Runnable campaignChanged;
    private final List<SequenceConfig> sequenceChoices;
    private CampaignDetails campaign;
    final List<TouchEditor> touches = new ArrayList<>();
    final VerticalLayout list = new VerticalLayout();
    final Button addTouch = new Button("Add touch", new Icon(VaadinIcon.PLUS));
    final Button save = new Button("Save plan");
    /** Problems of the whole plan (no touch at all, for example). */
    final Div planProblems = new Div();

    TouchPlanEditor(CampaignService campaigns, SequenceService sequences, CampaignTouchPreview preview,
            CampaignDetails campaign, Runnable campaignChanged) {
        this.campaigns = campaigns;
        this.sequences = sequences;
        this.preview = preview;
        this.campaign = campaign;
        this.campaignChanged = campaignChanged;
        this.sequenceChoices = sequences.findAll();
        addClassName("touch-plan");
        setPadding(false);
        list.setPadding(false);
        planProblems.addClassName("plan-problems");
        addTouch.addClickListener(click -> add(newTouch()));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        campaign.touches().forEach(this::add);
        add(new Paragraph("Each touch is one message to the lead, sent on the first channel of its sequence that can reach"
                + " them. Email follow-ups still wait at least the engine's floor and adapt to how the lead engaged."),
                list, planProblems, new HorizontalLayout(addTouch, save));
        check();
    }

    private CampaignTouch newTouch() {
        SequenceConfig plan = sequences.defaultSequence();
        boolean first = touches.isEmpty();
        return new CampaignTouch(touches.size() + 1, first ? "INITIAL" : "FOLLOW_UP", plan.id(), Map.of(), first ? 0 : 72, false);
    }

    private void add(CampaignTouch touch) {
        TouchEditor editor = new TouchEditor(sequences, sequenceChoices, touch, preview, this::check);
        editor.up.addClickListener(click -> move(editor, -1));
        editor.down.addClickListener(click -> move(editor, 1));
        editor.remove.addClickListener(click -> {
            touches.remove(editor);
            renumber();
        });
        touches.add(editor);
        renumber();
    }

    void move(TouchEditor editor, int by) {
        int from = touches.indexOf(editor);
        int to = from + by;
        if (to >= 0 && to < touches.size()) {
            touches.remove(from);
            touches.add(to, editor);
            renumber();
        }
    }

    private void renumber() {
        list.removeAll();
        for (int i = 0; i < touches.size(); i++) {
            touches.get(i).number(i + 1, touches.size());
            list.add(touches.get(i));
        }
        check();
    }

    List<CampaignTouch> plan() {
        List<CampaignTouch> plan = new ArrayList<>();
        for (int i = 0; i < touches.size(); i++) {
            CampaignTouch t = touches.get(i).value();
            plan.add(new CampaignTouch(i + 1, t.messageType(), t.sequenceId(), t.templates(), t.delayHours(), t.engagementGate()));
        }
        return plan;
    }

    private CampaignDraft draft() {
        return new CampaignDraft(campaign.name(), campaign.description(), plan(), campaign.schedule(), campaign.senders(),
                campaign.limits(), campaign.recontact());
    }

    /** Live validation: the service's own rules on the plan as edited, nothing saved. */
    void check() {
        show(campaigns.check(campaign.id(), draft()));
    }

    void save() {
        try {
            campaign = campaigns.update(campaign.id(), draft());
            show(List.of());
            Notification.show("Touch plan saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            campaignChanged.run();
        } catch (InvalidInputException refused) {
            show(refused.errors());
            Notification.show("Not saved: " + refused.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Puts each error on the field it names, or under its touch, or under the plan. */
    private void show(List<FieldError> errors) {
        planProblems.removeAll();
        touches.forEach(editor -> {
            editor.fields().values().forEach(field -> field.setInvalid(false));
            editor.problems.removeAll();
        });
        for (FieldError error : errors) {
            Matcher touch = TOUCH_FIELD.matcher(error.field());
            int index = touch.matches() ? Integer.parseInt(touch.group(1)) - 1 : -1;
            if (index >= 0 && index < touches.size()) {
                TouchEditor editor = touches.get(index);
                HasValidation field = editor.fields().get(touch.group(2));
                if (field != null) {
                    field.setErrorMessage(error.message());
                    field.setInvalid(true);
                } else {
                    editor.problems.add(new Paragraph(error.message()));
                }
            } else if (error.field().startsWith("touches")) {
                planProblems.add(new Paragraph(error.message()));
            }
        }
    }
}
