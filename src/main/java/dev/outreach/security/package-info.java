/** Users, roles ADMIN and OPERATOR, the login view, the first-admin bootstrap and Spring Security setup. */
package dev.outreach.security;
