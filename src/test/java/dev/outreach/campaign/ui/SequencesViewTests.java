package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import dev.outreach.campaign.SequencePlan;
import dev.outreach.campaign.SequenceService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class SequencesViewTests extends KaribuTest {

    @Autowired
    SequenceService sequences;

    @Test
    void adminCreatesASequenceAndReordersItsSteps() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequencesView view = _get(SequencesView.class);
        String name = "LinkedIn first " + System.nanoTime();

        _click(view.create);
        SequenceEditor editor = _get(SequenceEditor.class);
        _setValue(editor.name, name);
        _click(editor.addStep);
        editor.rows().get(1).channel = ChannelType.LINKEDIN;
        editor.rows().get(1).template = "linkedin-dm";
        editor.move(editor.rows().get(1), -1);
        _click(editor.save);

        SequencePlan saved = SystemActor.call(sequences::findAll).stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
        assertThat(saved.steps()).extracting(SequencePlan.Step::order, SequencePlan.Step::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ChannelType.LINKEDIN),
                        org.assertj.core.groups.Tuple.tuple(2, ChannelType.EMAIL));
    }

    @Test
    void aChannelTwiceIsRefusedNamingTheStepAndNothingChanges() {
        SequencePlan before = SystemActor.call(sequences::defaultSequence);
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequenceEditor editor = _get(SequenceEditor.class);

        editor.rows().get(2).channel = ChannelType.EMAIL;
        _click(editor.save);

        assertThat(editor.errors.getText()).isEqualTo("Step 3: Email is already an earlier step");
        assertThat(SystemActor.call(sequences::defaultSequence)).isEqualTo(before);
    }

    @Test
    void operatorsReadSequencesButCannotChangeThem() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(SequencesView.class);

        SequenceEditor editor = _get(SequenceEditor.class);
        assertThat(editor.name.isReadOnly()).isTrue();
        assertThat(editor.save.isAttached()).isFalse();
        SequencePlan plan = sequences.defaultSequence();
        assertThatThrownBy(() -> sequences.save(plan.id(), plan.name(), plan.steps()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anEmptySequenceIsRefused() {
        assertThatThrownBy(() -> SystemActor.call(() -> sequences.save(null, "Empty", List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessage("steps: A sequence needs at least one step");
    }
}
