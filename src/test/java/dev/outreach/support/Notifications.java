package dev.outreach.support;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import java.util.List;

/** The texts of the notifications currently shown, as a user would read them. */
public final class Notifications {

    private Notifications() {
    }

    public static List<String> texts() {
        return NotificationsKt.getNotifications().stream()
                .map(com.github.mvysny.kaributools.NotificationsKt::getText)
                .toList();
    }
}
