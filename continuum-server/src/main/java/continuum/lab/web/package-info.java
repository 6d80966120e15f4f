/**
 * The laboratory's pages: the lab section of the chart, the cumulative view with its
 * plot, critical-value alerts with their count in the top bar; and the laboratory's own
 * workbench: order entry from the chart, the order page, specimen labels (PDF, Code 128),
 * collection, reception, bench work lists, verification and release.
 */
@NullMarked
package continuum.lab.web;

import org.jspecify.annotations.NullMarked;
