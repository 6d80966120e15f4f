/**
 * The web UI's shell: layout, navigation, sign-in page and the translation of domain
 * errors into pages.
 */
@NullMarked
package continuum.web;

import org.jspecify.annotations.NullMarked;
