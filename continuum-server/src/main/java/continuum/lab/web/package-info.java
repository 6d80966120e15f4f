/**
 * The laboratory's pages: the lab section of the chart, the cumulative view with its
 * plot, critical-value alerts with their count in the top bar, and the laboratory's own
 * workbench.
 */
@NullMarked
package continuum.lab.web;

import org.jspecify.annotations.NullMarked;
