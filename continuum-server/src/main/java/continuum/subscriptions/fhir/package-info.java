/**
 * The FHIR R4 face of subscriptions: the Subscription resource provider, its mapper and
 * the {@code $status} operation.
 */
@NullMarked
package continuum.subscriptions.fhir;

import org.jspecify.annotations.NullMarked;
