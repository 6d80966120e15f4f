/**
 * The patient pages: search (with htmx live results), registration and the merge of
 * duplicate registrations.
 */
@NullMarked
package continuum.patients.web;

import org.jspecify.annotations.NullMarked;
