package dev.outreach.lead;

/**
 * Columns the leads grid can sort by. Each maps to a fixed SQL expression (never to user
 * text) and ends with the id so that paging is stable.
 */
public enum LeadSort {
    CREATED("created_at", true),
    NAME("last_name", false),
    COMPANY("company", false),
    GRADE("grade", false),
    STATUS("status", false);

    private final String column;
    private final boolean descendingByDefault;

    LeadSort(String column, boolean descendingByDefault) {
        this.column = column;
        this.descendingByDefault = descendingByDefault;
    }

    String orderBy(boolean descending) {
        String direction = descending ? "desc" : "asc";
        return column + " " + direction + ", id " + direction;
    }

    public boolean descendingByDefault() {
        return descendingByDefault;
    }
}
