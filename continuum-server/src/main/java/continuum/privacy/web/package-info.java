/**
 * The privacy module's pages and API: the break-the-glass page and
 * {@code POST /api/break-the-glass}, restricting a record, the review queue, the access
 * report, and the banner on a restricted patient's pages.
 */
@NullMarked
package continuum.privacy.web;

import org.jspecify.annotations.NullMarked;
