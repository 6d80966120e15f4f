/**
 * Imaging orders from external placers over the shared MLLP listener: OMI^O23 and ORM^O01
 * (IHE SWF.b RAD-2 Placer Order Management) handled for the {@code hl7} module.
 */
@NullMarked
package continuum.imaging.hl7;

import org.jspecify.annotations.NullMarked;
