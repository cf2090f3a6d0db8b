package dev.outreach.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.console.ui.AccessDeniedView;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiKeysViewTests extends KaribuTest {

    @Autowired
    ApiKeyService keys;

    @Test
    void anAdminCreatesAKeyThatIsShownOnceAndWorks() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ApiKeysView.class);
        ApiKeysView view = _get(ApiKeysView.class);
        String name = "zapier " + System.nanoTime();

        _setValue(view.name, name);
        _click(view.create);

        String key = _get(TextField.class, spec -> spec.withId("created-api-key")).getValue();
        assertThat(key).matches("oe_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}");
        assertThat(keys.authenticate(key)).hasValueSatisfying(info -> assertThat(info.name()).isEqualTo(name));
        assertThat(IntStream.range(0, GridKt._size(view.grid)).mapToObj(i -> GridKt._get(view.grid, i)))
                .anyMatch(info -> info.name().equals(name) && info.role() == Role.OPERATOR);
    }

    @Test
    void aKeyNeedsAName() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ApiKeysView.class);
        ApiKeysView view = _get(ApiKeysView.class);

        _click(view.create);

        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).startsWith("Give the key a name");
    }

    @Test
    void operatorsCannotOpenApiKeys() {
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(ApiKeysView.class);

        _assertOne(AccessDeniedView.class);
        _assertNone(ApiKeysView.class);
    }
}
