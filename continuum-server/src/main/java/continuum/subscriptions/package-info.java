/**
 * FHIR R4 Subscriptions with the rest-hook channel: clients register criteria on the
 * resource types the server serves; notifications follow the change feed, at least once
 * and in order per subscription, under the rights of the account that subscribed.
 */
@NullMarked
package continuum.subscriptions;

import org.jspecify.annotations.NullMarked;
