package dev.outreach.security;

/** What a signed-in person may do. Admins can do everything operators can. */
public enum Role {
    ADMIN,
    OPERATOR;

    /** The admin role's name as used in {@code @RolesAllowed} and {@code hasRole(..)}. */
    public static final String ADMIN_NAME = "ADMIN";

    public String authority() {
        return "ROLE_" + name();
    }
}
