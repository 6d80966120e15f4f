/**
 * SMART App Launch 2.0 for user-facing apps: the discovery document, the authorization
 * endpoint with its sign-in, patient picker and consent pages, EHR launch from the chart,
 * and the registered-apps page. Sits above security (grants and tokens) and patients (the
 * picker's search).
 */
@NullMarked
package continuum.smart;

import org.jspecify.annotations.NullMarked;
