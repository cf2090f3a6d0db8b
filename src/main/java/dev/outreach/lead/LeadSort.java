package dev.outreach.lead;

/**
 * Columns the leads grid can sort by. Each maps to a fixed SQL expression (never to user
 * text) and ends with the id so that paging is stable.
 */
public enum LeadSort {
    CREATED("created_at"),
    NAME("last_name"),
    COMPANY("company"),
    GRADE("grade"),
    STATUS("status");

    private final String column;

    LeadSort(String column) {
        this.column = column;
    }

    String orderBy(boolean descending) {
        String direction = descending ? "desc" : "asc";
        return column + " " + direction + ", id " + direction;
    }
}
