/**
 * Associations over TCP (or TLS): negotiation, the upper layer state machine (PS3.8 §9),
 * DIMSE message exchange (PS3.7 §9) and the acceptor that serves
 * {@link org.continuum.dicom.net.DimseService}s.
 */
@NullMarked
package org.continuum.dicom.net;

import org.jspecify.annotations.NullMarked;
