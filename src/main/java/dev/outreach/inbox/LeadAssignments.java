package dev.outreach.inbox;

/**
 * Who handles a lead in the inbox. The inbox view's service ({@code Inbox.assign}, same signature)
 * owns the assignments and audits them; the actions and the automatic "assign to the campaign's
 * owner" reach it through this interface, and do without assignment (saying so) while no bean
 * implements it. Wiring it is {@code Inbox implements LeadAssignments}.
 */
public interface LeadAssignments {

    /** Assigns the lead to the user (by username); an unknown user is an InvalidInputException on "assignee". */
    void assign(long leadId, String username);
}
