package dev.outreach.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.campaign.StepTestSender;
import org.springframework.beans.factory.ObjectProvider;
import dev.outreach.shared.ChannelType;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Channel-fallback sequences: admins edit the steps (reorder, add, remove); operators read them. */
@Route("sequences")
@PageTitle("Sequences | Outreach Engine")
@Menu(order = 41, icon = "vaadin:sitemap", title = "Sequences")
@PermitAll
public class SequencesView extends VerticalLayout {

    private final transient SequenceService sequences;
    private final transient StepTestSender testSender;
    private final boolean admin;
    final ComboBox<SequenceConfig> sequence = new ComboBox<>("Sequence");
    final Button create = new Button("New sequence", new Icon(VaadinIcon.PLUS));
    private final VerticalLayout editorHolder = new VerticalLayout();

    public SequencesView(SequenceService sequences, AuthenticationContext authentication,
            ObjectProvider<StepTestSender> testSender) {
        this.sequences = sequences;
        this.testSender = testSender.getIfAvailable();
        this.admin = authentication.hasRole("ADMIN");
        addClassName("view");
        editorHolder.setPadding(false);
        sequence.setItemLabelGenerator(SequenceConfig::name);
        sequence.setWidth("24em");
        sequence.addValueChangeListener(change -> show(change.getValue()));
        create.addClickListener(click -> show(new SequenceConfig(0, "",
                List.of(new SequenceConfig.Step(1, ChannelType.EMAIL, "email-initial", 2, 24)))));
        create.setVisible(admin);
        HorizontalLayout toolbar = new HorizontalLayout(sequence, create);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Sequences"), toolbar, editorHolder);
        if (!admin) {
            add(new Paragraph("Read only: only admins can change sequences."));
        }
        reload(null);
    }

    private void show(SequenceConfig plan) {
        editorHolder.removeAll();
        if (plan != null) {
            SequenceEditor editor = new SequenceEditor(sequences, plan, admin, testSender);
            editor.addSavedListener(saved -> reload(saved.sequenceId()));
            editorHolder.add(editor);
        }
    }

    private void reload(Long selectId) {
        List<SequenceConfig> all = sequences.findAll();
        sequence.setItems(all);
        all.stream().filter(p -> selectId == null || p.id() == selectId).findFirst().ifPresent(sequence::setValue);
    }
}
