/** The patient pages: search (with htmx live results) and registration. */
@NullMarked
package continuum.patients.web;

import org.jspecify.annotations.NullMarked;
