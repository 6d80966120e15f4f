/**
 * The ADT pages: ward list and census, admission, transfer and discharge forms, and a
 * patient's encounters.
 */
@NullMarked
package continuum.adt.web;

import org.jspecify.annotations.NullMarked;
