/**
 * The RIS's pages: the imaging section of the chart and its order form, an order's page,
 * and the radiographers' worklist per modality and day.
 */
@NullMarked
package continuum.imaging.web;

import org.jspecify.annotations.NullMarked;
