/**
 * The interface monitor's pages ({@code /interfaces}) and JSON ({@code /api/interfaces}).
 */
@NullMarked
package continuum.hl7.web;

import org.jspecify.annotations.NullMarked;
