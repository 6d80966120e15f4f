/**
 * The SMART App Launch pages: authorization, patient picker, consent, EHR launch, apps.
 */
@NullMarked
package continuum.smart.web;

import org.jspecify.annotations.NullMarked;
