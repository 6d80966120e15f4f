/**
 * Printable downtime reports: per ward a census with allergies, per patient a one-page
 * summary, written every few minutes as PDFs and swapped in as a whole set.
 */
@NullMarked
package continuum.downtime.reports;

import org.jspecify.annotations.NullMarked;
