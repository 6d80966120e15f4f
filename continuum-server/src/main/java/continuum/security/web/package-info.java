/**
 * The administrators' pages for staff accounts.
 */
@NullMarked
package continuum.security.web;

import org.jspecify.annotations.NullMarked;
