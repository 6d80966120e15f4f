/**
 * Imaging orders from external placers over the shared MLLP listener: OMI^O23 and ORM^O01
 * (IHE SWF.b RAD-2 Placer Order Management) handled for the {@code hl7} module, answered
 * ORI^O24 and ORR^O02 with the identifiers the filler assigned.
 */
@NullMarked
package continuum.imaging.hl7;

import org.jspecify.annotations.NullMarked;
