package dev.outreach.deliverability.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finding rows in the admin grids and reading the audit log, as the deliverability view tests do. */
final class DeliverabilityAdminTestSupport {

    private DeliverabilityAdminTestSupport() {
    }

    /** The index of the first row the predicate accepts; fails when there is none. */
    static <T> int row(Grid<T> grid, Predicate<T> which) {
        return IntStream.range(0, GridKt._size(grid)).filter(i -> which.test(GridKt._get(grid, i))).findFirst()
                .orElseThrow(() -> new AssertionError("No such row in the grid"));
    }

    static <T> boolean hasRow(Grid<T> grid, Predicate<T> which) {
        return IntStream.range(0, GridKt._size(grid)).anyMatch(i -> which.test(GridKt._get(grid, i)));
    }

    /** actor, before, after of the latest audit row of an action on an entity. */
    static List<String> lastAudit(JdbcClient jdbc, String action, Object entityId) {
        return jdbc.sql("""
                select actor, before_value, after_value from audit_log where action = :action and entity_id = :id
                order by id desc fetch first 1 rows only
                """).param("action", action).param("id", String.valueOf(entityId))
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3))).single();
    }
}
