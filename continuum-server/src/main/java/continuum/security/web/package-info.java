/**
 * The administrators' pages for staff accounts, and every user's page for their own
 * password.
 */
@NullMarked
package continuum.security.web;

import org.jspecify.annotations.NullMarked;
