/**
 * Who may do what: staff accounts and their roles, form login with lockout, short-lived
 * API tokens with SMART-style scopes never wider than the role, and the access checks
 * every module's service calls.
 */
@NullMarked
package continuum.security;

import org.jspecify.annotations.NullMarked;
