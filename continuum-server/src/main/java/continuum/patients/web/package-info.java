/**
 * The patient pages: search (with htmx live results), registration, the merge of
 * duplicate registrations, and the chart's forms for allergies, medications and problems.
 */
@NullMarked
package continuum.patients.web;

import org.jspecify.annotations.NullMarked;
